using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace UsageDashboard.Data.Configuration;

/// <summary>
/// Creates the rollup tables as SQLite <c>WITHOUT ROWID</c> tables, which EF Core cannot express in the model.
/// </summary>
/// <remarks>
/// The rollup tables are written only by upserts on their text primary key. A rowid table stores that key twice
/// (an implicit unique index plus the table b-tree) and every upsert seeks and updates both; clustered on the key,
/// an upsert is one b-tree seek and the tables are about half the size.
/// </remarks>
internal sealed class SqliteWithoutRowIdSqlGenerator(MigrationsSqlGeneratorDependencies dependencies, IRelationalAnnotationProvider annotations)
    : SqliteMigrationsSqlGenerator(dependencies, annotations)
{
    /// <summary>Tables clustered on their primary key.</summary>
    public static readonly IReadOnlySet<string> Tables = new HashSet<string>(StringComparer.Ordinal)
    {
        UsageRollupConfiguration.Table,
        UsageLatencyRollupConfiguration.Table,
    };

    protected override void Generate(CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        if (!Tables.Contains(operation.Name))
        {
            base.Generate(operation, model, builder, terminate);
            return;
        }

        base.Generate(operation, model, builder, terminate: false);
        builder.Append(" WITHOUT ROWID");
        if (terminate)
        {
            builder.AppendLine(Dependencies.SqlGenerationHelper.StatementTerminator);
            EndStatement(builder);
        }
    }
}
