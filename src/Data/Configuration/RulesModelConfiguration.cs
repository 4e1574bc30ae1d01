using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UsageDashboard.Data.Rules;
using UsageDashboard.Data.Security;

namespace UsageDashboard.Data.Configuration;

/// <summary>
/// Maps the endpoint catalog, the tracking rules, their change counter and audit log, and the dashboard
/// users. Small tables: plain EF mappings, enums stored as readable text.
/// </summary>
internal static class RulesModelConfiguration
{
    /// <summary>The length of application, group, rule target and user names.</summary>
    public const int NameLength = 200;

    public const int RoutePatternLength = 1000;
    public const int HttpMethodsLength = 200;
    public const int DisplayNameLength = 500;
    public const int TargetDisplayLength = 1200;

    public static void Apply(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CatalogApplication>(Application);
        modelBuilder.Entity<CatalogEndpoint>(Endpoint);
        modelBuilder.Entity<TrackingRule>(Rule);
        modelBuilder.Entity<RulesVersion>(Version);
        modelBuilder.Entity<RuleAuditEntry>(Audit);
        modelBuilder.Entity<DashboardUser>(User);
    }

    private static void Application(EntityTypeBuilder<CatalogApplication> e)
    {
        e.ToTable("tracking_applications");
        e.HasKey(a => a.Name);
        e.Property(a => a.Name).HasColumnName("name").HasMaxLength(NameLength);
        e.Property(a => a.ConfiguredMode).HasColumnName("configured_mode").HasConversion<string>().HasMaxLength(16);
        e.Property(a => a.ModeOverride).HasColumnName("mode_override").HasConversion<string>().HasMaxLength(16);
        e.Property(a => a.LastSeen).HasColumnName("last_seen");
    }

    private static void Endpoint(EntityTypeBuilder<CatalogEndpoint> e)
    {
        e.ToTable("tracking_endpoints");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").HasMaxLength(16);
        e.Property(x => x.Application).HasColumnName("application").HasMaxLength(NameLength);
        e.Property(x => x.Group).HasColumnName("group_name").HasMaxLength(NameLength);
        e.Property(x => x.RoutePattern).HasColumnName("route_pattern").HasMaxLength(RoutePatternLength);
        e.Property(x => x.HttpMethods).HasColumnName("http_methods").HasMaxLength(HttpMethodsLength);
        e.Property(x => x.DisplayName).HasColumnName("display_name").HasMaxLength(DisplayNameLength);
        e.Property(x => x.CodeSetting).HasColumnName("code_setting").HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.LastSeen).HasColumnName("last_seen");
        e.Property(x => x.Stale).HasColumnName("stale");
        e.HasIndex(x => x.Application).HasDatabaseName("ix_tracking_endpoints_application");
    }

    private static void Rule(EntityTypeBuilder<TrackingRule> e)
    {
        e.ToTable("tracking_rules");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        e.Property(x => x.Application).HasColumnName("application").HasMaxLength(NameLength);
        e.Property(x => x.Scope).HasColumnName("scope").HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Target).HasColumnName("target").HasMaxLength(NameLength);
        e.Property(x => x.Setting).HasColumnName("setting").HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        e.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(NameLength);
        e.HasIndex(x => new { x.Application, x.Scope, x.Target }).IsUnique().HasDatabaseName("ux_tracking_rules_target");
    }

    private static void Version(EntityTypeBuilder<RulesVersion> e)
    {
        e.ToTable("tracking_rules_version");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.Version).HasColumnName("version");
        e.HasData(new RulesVersion { Id = RulesVersion.SingletonId, Version = 0 });
    }

    private static void Audit(EntityTypeBuilder<RuleAuditEntry> e)
    {
        e.ToTable("tracking_rule_audit");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        e.Property(x => x.At).HasColumnName("at");
        e.Property(x => x.User).HasColumnName("user_name").HasMaxLength(NameLength);
        e.Property(x => x.Application).HasColumnName("application").HasMaxLength(NameLength);
        e.Property(x => x.Scope).HasColumnName("scope").HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Target).HasColumnName("target").HasMaxLength(NameLength);
        e.Property(x => x.TargetDisplay).HasColumnName("target_display").HasMaxLength(TargetDisplayLength);
        e.Property(x => x.OldValue).HasColumnName("old_value").HasMaxLength(16);
        e.Property(x => x.NewValue).HasColumnName("new_value").HasMaxLength(16);
    }

    private static void User(EntityTypeBuilder<DashboardUser> e)
    {
        e.ToTable("dashboard_users");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        e.Property(x => x.UserName).HasColumnName("user_name").HasMaxLength(100);
        e.Property(x => x.NormalizedUserName).HasColumnName("normalized_user_name").HasMaxLength(100);
        e.Property(x => x.PasswordHash).HasColumnName("password_hash").HasMaxLength(500);
        e.Property(x => x.Role).HasColumnName("role").HasMaxLength(20);
        e.Property(x => x.SecurityStamp).HasColumnName("security_stamp").HasMaxLength(64);
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.HasIndex(x => x.NormalizedUserName).IsUnique().HasDatabaseName("ux_dashboard_users_name");
    }
}
