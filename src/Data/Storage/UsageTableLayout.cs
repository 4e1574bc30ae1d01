using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Storage;

/// <summary>
/// The table and columns the batch writers insert into, read once from the EF Core model, so the fast
/// path can never drift from the migrations: a property added to the model is written automatically.
/// </summary>
internal sealed class UsageTableLayout
{
    private UsageTableLayout(string table, string? schema, IReadOnlyList<UsageColumn> columns)
    {
        Table = table;
        Schema = schema;
        Columns = columns;
    }

    public string Table { get; }

    public string? Schema { get; }

    /// <summary>Every mapped column except the generated key, in model order.</summary>
    public IReadOnlyList<UsageColumn> Columns { get; }

    public static UsageTableLayout FromModel(IModel model)
    {
        var entity = model.FindEntityType(typeof(UsageRecord))
            ?? throw new InvalidOperationException($"{nameof(UsageRecord)} is not part of the usage database model.");
        var table = entity.GetTableName() ?? throw new InvalidOperationException($"{nameof(UsageRecord)} is not mapped to a table.");
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = new List<UsageColumn>();
        foreach (var property in entity.GetProperties())
        {
            if (property.ValueGenerated != ValueGenerated.Never)
            {
                continue; // the identity key; the database assigns it
            }

            if (property.PropertyInfo is not PropertyInfo info)
            {
                throw new NotSupportedException($"{property.Name} is a shadow property; the batch writers only write CLR properties.");
            }

            var name = property.GetColumnName(store)
                ?? throw new InvalidOperationException($"{property.Name} has no column in {table}.");
            columns.Add(UsageColumn.Create(name, info, property.GetMaxLength(), property.IsNullable));
        }

        return new UsageTableLayout(table, entity.GetSchema(), columns);
    }

    public static UsageTableLayout FromContext(UsageDbContext context) => FromModel(context.Model);
}
