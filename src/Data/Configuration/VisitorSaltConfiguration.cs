using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UsageDashboard.Data.Configuration;

/// <summary>Maps <see cref="VisitorSalt"/> to <c>visitor_salts</c>: one row per UTC day, the day being the key so concurrent instances cannot create two.</summary>
internal sealed class VisitorSaltConfiguration : IEntityTypeConfiguration<VisitorSalt>
{
    public const string Table = "visitor_salts";

    public void Configure(EntityTypeBuilder<VisitorSalt> e)
    {
        e.ToTable(Table);
        e.HasKey(s => s.Day);
        e.Property(s => s.Day).HasColumnName("day").ValueGeneratedNever();
        e.Property(s => s.Salt).HasColumnName("salt").HasMaxLength(32).IsRequired();
    }
}
