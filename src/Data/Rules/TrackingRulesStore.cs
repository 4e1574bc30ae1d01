using Microsoft.EntityFrameworkCore;
using UsageDashboard.Data.Configuration;
using UsageDashboard.Data.Storage;

namespace UsageDashboard.Data.Rules;

/// <summary>
/// Reads and changes the endpoint catalog and the tracking rules in the shared database. Every change
/// of a rule or an application mode bumps the <see cref="RulesVersion"/> counter and writes an audit
/// entry in the same transaction, so a tracker that sees the new version always reads the new rules.
/// </summary>
public sealed class TrackingRulesStore
{
    private readonly IDbContextFactory<UsageDbContext> _factory;
    private readonly TimeProvider _time;

    /// <summary>Creates the store.</summary>
    /// <param name="factory">Creates contexts on the shared usage database.</param>
    /// <param name="time">The clock for change and audit times.</param>
    public TrackingRulesStore(IDbContextFactory<UsageDbContext> factory, TimeProvider time)
    {
        _factory = factory;
        _time = time;
    }

    /// <summary>Reads the change counter: one single-row query, cheap enough to poll twice a second.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The current version; 0 before the first change.</returns>
    public async Task<long> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await ReadVersion(db, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Loads the overrides of one application.</summary>
    /// <param name="application">The application name.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>The snapshot, stamped with the version read before the rules (a change racing the load
    /// bumps the version again, so the next poll reloads).</returns>
    public async Task<RulesSnapshot> LoadSnapshotAsync(string application, CancellationToken cancellationToken = default)
    {
        application = Stored(application);
        await using var db = await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var version = await ReadVersion(db, cancellationToken).ConfigureAwait(false);
        var mode = await db.Set<CatalogApplication>().AsNoTracking().Where(a => a.Name == application)
            .Select(a => a.ModeOverride).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var rules = await db.Set<TrackingRule>().AsNoTracking().Where(r => r.Application == application)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new RulesSnapshot(version, mode,
            rules.Where(r => r.Scope == RuleScope.Group).ToDictionary(r => r.Target, r => r.Setting, StringComparer.Ordinal),
            rules.Where(r => r.Scope == RuleScope.Endpoint).ToDictionary(r => r.Target, r => r.Setting, StringComparer.Ordinal));
    }

    /// <summary>
    /// Records an application's endpoints at startup: new ones are added, present ones refreshed, and
    /// ones the app no longer has are marked stale (never deleted: their rules and history stay).
    /// </summary>
    /// <param name="registration">The application, its mode and endpoints.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>A task that completes when the catalog is saved.</returns>
    public async Task RegisterCatalogAsync(CatalogRegistration registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        try
        {
            await RegisterOnceAsync(registration, cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Two instances of one app starting together both insert the same new rows; the loser
            // retries on a fresh context and now finds them.
            await RegisterOnceAsync(registration, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RegisterOnceAsync(CatalogRegistration registration, CancellationToken cancellationToken)
    {
        // Names come from the host's configuration and code: stored as the columns hold text, as every lookup takes them.
        // Endpoint ids stay computed from the names as the tracker has them, since it computes them the same way.
        var application = Stored(registration.Application);
        await using var db = await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var app = await db.Set<CatalogApplication>().FirstOrDefaultAsync(a => a.Name == application, cancellationToken)
            .ConfigureAwait(false);
        if (app is null)
        {
            app = new CatalogApplication { Name = application };
            db.Add(app);
        }

        app.ConfiguredMode = registration.ConfiguredMode;
        app.LastSeen = registration.StartedAt;

        var existing = await db.Set<CatalogEndpoint>().Where(e => e.Application == application)
            .ToDictionaryAsync(e => e.Id, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var info in registration.Endpoints)
        {
            var id = EndpointIdentity.Compute(registration.Application, info.HttpMethods, info.RoutePattern);
            if (!seen.Add(id))
            {
                continue;
            }

            if (!existing.TryGetValue(id, out var endpoint))
            {
                endpoint = new CatalogEndpoint { Id = id, Application = application };
                db.Add(endpoint);
            }

            endpoint.Group = info.Group is null ? null : Stored(info.Group);
            endpoint.RoutePattern = UsageText.Clean(info.RoutePattern, RulesModelConfiguration.RoutePatternLength)!;
            endpoint.HttpMethods = UsageText.Clean(info.HttpMethods, RulesModelConfiguration.HttpMethodsLength)!;
            endpoint.DisplayName = UsageText.Clean(info.DisplayName, RulesModelConfiguration.DisplayNameLength);
            endpoint.CodeSetting = info.CodeSetting;
            endpoint.LastSeen = registration.StartedAt;
            endpoint.Stale = false;
        }

        foreach (var gone in existing.Values.Where(e => !seen.Contains(e.Id)))
        {
            gone.Stale = true;
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists every application with its groups, endpoints, overrides and effective states.</summary>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>Applications ordered by name.</returns>
    public async Task<IReadOnlyList<ApplicationRules>> GetRulesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var apps = await db.Set<CatalogApplication>().AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var endpoints = await db.Set<CatalogEndpoint>().AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var rules = await db.Set<TrackingRule>().AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return apps.OrderBy(a => a.Name, StringComparer.Ordinal)
            .Select(a => Build(a, endpoints.Where(e => e.Application == a.Name), rules.Where(r => r.Application == a.Name)))
            .ToList();
    }

    /// <summary>Reads one application with its groups and endpoints.</summary>
    /// <param name="application">The application name.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>The application; null when the catalog does not know it.</returns>
    public async Task<ApplicationRules?> GetApplicationAsync(string application, CancellationToken cancellationToken = default)
    {
        application = Stored(application);
        await using var db = await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await ReadApplicationAsync(db, application, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets or clears (<see cref="TrackingSetting.Default"/>) the override of a route group.</summary>
    /// <param name="application">The application.</param>
    /// <param name="group">The group name.</param>
    /// <param name="setting">The new override.</param>
    /// <param name="user">Who makes the change, for the audit log.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>The group with its new effective states; null when the catalog has no such group.</returns>
    public async Task<GroupRules?> SetGroupAsync(string application, string group, TrackingSetting setting, string user,
        CancellationToken cancellationToken = default)
    {
        (application, group) = (Stored(application), Stored(group));
        await using var db = await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var known = await db.Set<CatalogEndpoint>().AnyAsync(e => e.Application == application && e.Group == group, cancellationToken)
            .ConfigureAwait(false);
        if (!known)
        {
            return null;
        }

        await ChangeRuleAsync(db, application, RuleScope.Group, group, group, setting, user, cancellationToken).ConfigureAwait(false);
        var app = await ReadApplicationAsync(db, application, cancellationToken).ConfigureAwait(false);
        return app?.Groups.FirstOrDefault(g => g.Name == group);
    }

    /// <summary>Sets or clears (<see cref="TrackingSetting.Default"/>) the override of one endpoint.</summary>
    /// <param name="application">The application.</param>
    /// <param name="endpointId">The endpoint id.</param>
    /// <param name="setting">The new override.</param>
    /// <param name="user">Who makes the change, for the audit log.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>The endpoint with its new effective state; null when the catalog has no such endpoint.</returns>
    public async Task<EndpointRules?> SetEndpointAsync(string application, string endpointId, TrackingSetting setting, string user,
        CancellationToken cancellationToken = default)
    {
        (application, endpointId) = (Stored(application), Stored(endpointId));
        await using var db = await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var endpoint = await db.Set<CatalogEndpoint>().AsNoTracking()
            .FirstOrDefaultAsync(e => e.Application == application && e.Id == endpointId, cancellationToken).ConfigureAwait(false);
        if (endpoint is null)
        {
            return null;
        }

        var display = endpoint.HttpMethods + " " + endpoint.RoutePattern;
        await ChangeRuleAsync(db, application, RuleScope.Endpoint, endpointId, display, setting, user, cancellationToken)
            .ConfigureAwait(false);
        var app = await ReadApplicationAsync(db, application, cancellationToken).ConfigureAwait(false);
        return app?.Groups.SelectMany(g => g.Endpoints).FirstOrDefault(e => e.Id == endpointId);
    }

    /// <summary>Overrides an application's mode, or clears the override with null.</summary>
    /// <param name="application">The application.</param>
    /// <param name="mode">The new mode override; null to return to the configured mode.</param>
    /// <param name="user">Who makes the change, for the audit log.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>The application with its new effective states; null when the catalog does not know it.</returns>
    public async Task<ApplicationRules?> SetModeAsync(string application, TrackingMode? mode, string user,
        CancellationToken cancellationToken = default)
    {
        (application, user) = (Stored(application), Stored(user));
        await using var db = await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await BumpVersionAsync(db, cancellationToken).ConfigureAwait(false);
            var app = await db.Set<CatalogApplication>().FirstOrDefaultAsync(a => a.Name == application, cancellationToken)
                .ConfigureAwait(false);
            if (app is null)
            {
                return null;
            }

            var old = app.ModeOverride;
            if (old != mode)
            {
                app.ModeOverride = mode;
                db.Add(NewAudit(application, RuleScope.Application, "", "mode", ModeText(old), ModeText(mode), user));
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return await ReadApplicationAsync(db, application, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the newest audit entries.</summary>
    /// <param name="limit">How many entries at most.</param>
    /// <param name="application">Only this application's entries; null for all.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>Entries, newest first.</returns>
    public async Task<IReadOnlyList<RuleAuditEntry>> GetAuditAsync(int limit = 50, string? application = null,
        CancellationToken cancellationToken = default)
    {
        application = application is null ? null : Stored(application);
        await using var db = await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = db.Set<RuleAuditEntry>().AsNoTracking();
        if (application is not null)
        {
            query = query.Where(a => a.Application == application);
        }

        // Ordered by identity, not time: ids increase with commits and SQLite cannot order every date type.
        return await query.OrderByDescending(a => a.Id).Take(Math.Clamp(limit, 1, 1000))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Counts recorded requests per catalog endpoint in a time range; the counting runs in the database
    /// grouped by application, route and method.
    /// </summary>
    /// <param name="start">Range start (UTC, inclusive).</param>
    /// <param name="end">Range end (UTC, exclusive).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>Hits by endpoint id; endpoints without hits are absent.</returns>
    public async Task<IReadOnlyDictionary<string, long>> GetHitsAsync(DateTime start, DateTime end,
        CancellationToken cancellationToken = default)
    {
        await using var db = await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var counts = await db.Usage.AsNoTracking()
            .Where(r => r.Date >= start && r.Date < end && r.Route != null)
            .GroupBy(r => new { r.ServerName, r.Route, r.Method })
            .Select(g => new { g.Key.ServerName, g.Key.Route, g.Key.Method, Hits = g.LongCount() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var endpoints = await db.Set<CatalogEndpoint>().AsNoTracking()
            .Select(e => new { e.Id, e.Application, e.RoutePattern, e.HttpMethods })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var byRoute = counts.ToLookup(c => (c.ServerName ?? "", c.Route ?? ""));
        var hits = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var e in endpoints)
        {
            var methods = e.HttpMethods.Split(',');
            long sum = 0;
            foreach (var c in byRoute[(e.Application, e.RoutePattern)])
            {
                if (e.HttpMethods == EndpointIdentity.AnyMethod || methods.Contains(c.Method, StringComparer.OrdinalIgnoreCase))
                {
                    sum += c.Hits;
                }
            }

            if (sum > 0)
            {
                hits[e.Id] = sum;
            }
        }

        return hits;
    }

    private async Task ChangeRuleAsync(UsageDbContext db, string application, RuleScope scope, string target, string display,
        TrackingSetting setting, string user, CancellationToken cancellationToken)
    {
        user = Stored(user);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Bumping first takes the write lock on the counter row, which serializes concurrent rule
        // changes on PostgreSQL (SQLite serializes writers anyway).
        await BumpVersionAsync(db, cancellationToken).ConfigureAwait(false);
        var rule = await db.Set<TrackingRule>()
            .FirstOrDefaultAsync(r => r.Application == application && r.Scope == scope && r.Target == target, cancellationToken)
            .ConfigureAwait(false);
        var old = rule?.Setting ?? TrackingSetting.Default;
        if (old == setting)
        {
            // Nothing changes: roll back the bump so trackers do not reload for nothing.
            return;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        if (setting == TrackingSetting.Default)
        {
            db.Remove(rule!);
        }
        else if (rule is null)
        {
            db.Add(new TrackingRule
            {
                Application = application, Scope = scope, Target = target, Setting = setting, UpdatedAt = now, UpdatedBy = user,
            });
        }
        else
        {
            rule.Setting = setting;
            rule.UpdatedAt = now;
            rule.UpdatedBy = user;
        }

        db.Add(NewAudit(application, scope, target, display, SettingText(old), SettingText(setting), user));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A name as the database stores text (<see cref="UsageText"/>), cut to the name columns' length: the API passes
    /// names from request paths and hosts from their configuration, and PostgreSQL refuses a NUL in text and a value
    /// longer than its column. Cleaned, such a name is stored, or when looked up simply unknown.
    /// </summary>
    private static string Stored(string name) => UsageText.Clean(name, RulesModelConfiguration.NameLength)!;

    // Not an EF compiled query: those are bound to one model, and one process may use SQLite and PostgreSQL.
    // EF's own query cache makes the repeated poll just as cheap.
    private static Task<long> ReadVersion(UsageDbContext db, CancellationToken cancellationToken) =>
        db.Set<RulesVersion>().AsNoTracking().Where(v => v.Id == RulesVersion.SingletonId).Select(v => v.Version)
            .FirstOrDefaultAsync(cancellationToken);

    private static async Task BumpVersionAsync(UsageDbContext db, CancellationToken cancellationToken)
    {
        var updated = await db.Set<RulesVersion>().Where(v => v.Id == RulesVersion.SingletonId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Version, v => v.Version + 1), cancellationToken).ConfigureAwait(false);
        if (updated == 0)
        {
            // A database created without the seed row: create it (a racing creator fails the transaction,
            // and the caller sees the error rather than a silently lost bump).
            db.Add(new RulesVersion { Id = RulesVersion.SingletonId, Version = 1 });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private RuleAuditEntry NewAudit(string application, RuleScope scope, string target, string display, string old, string @new,
        string user) => new()
        {
            At = _time.GetUtcNow().UtcDateTime,
            User = user,
            Application = application,
            Scope = scope,
            Target = target,
            TargetDisplay = UsageText.Clean(display, RulesModelConfiguration.TargetDisplayLength)!,
            OldValue = old,
            NewValue = @new,
        };

    private static async Task<ApplicationRules?> ReadApplicationAsync(UsageDbContext db, string application,
        CancellationToken cancellationToken)
    {
        var app = await db.Set<CatalogApplication>().AsNoTracking().FirstOrDefaultAsync(a => a.Name == application, cancellationToken)
            .ConfigureAwait(false);
        if (app is null)
        {
            return null;
        }

        var endpoints = await db.Set<CatalogEndpoint>().AsNoTracking().Where(e => e.Application == application)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var rules = await db.Set<TrackingRule>().AsNoTracking().Where(r => r.Application == application)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return Build(app, endpoints, rules);
    }

    private static ApplicationRules Build(CatalogApplication app, IEnumerable<CatalogEndpoint> endpoints, IEnumerable<TrackingRule> rules)
    {
        var ruleList = rules.ToList();
        var groupRules = ruleList.Where(r => r.Scope == RuleScope.Group).ToDictionary(r => r.Target, r => r.Setting, StringComparer.Ordinal);
        var endpointRules = ruleList.Where(r => r.Scope == RuleScope.Endpoint).ToDictionary(r => r.Target, r => r.Setting, StringComparer.Ordinal);
        var mode = app.ModeOverride ?? app.ConfiguredMode;

        var groups = endpoints
            .GroupBy(e => e.Group)
            .OrderBy(g => g.Key is null ? 1 : 0).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var groupSetting = g.Key is not null && groupRules.TryGetValue(g.Key, out var s) ? s : TrackingSetting.Default;
                var list = g.OrderBy(e => e.RoutePattern, StringComparer.Ordinal).ThenBy(e => e.HttpMethods, StringComparer.Ordinal)
                    .Select(e =>
                    {
                        var own = endpointRules.TryGetValue(e.Id, out var o) ? o : TrackingSetting.Default;
                        return new EndpointRules(e.Id, e.Application, e.Group, e.RoutePattern, e.HttpMethods, e.DisplayName,
                            e.CodeSetting, own, TrackingPrecedence.Resolve(own, groupSetting, e.CodeSetting, mode), e.LastSeen, e.Stale);
                    })
                    .ToList();
                return new GroupRules(app.Name, g.Key, groupSetting, list);
            })
            .ToList();
        return new ApplicationRules(app.Name, app.ConfiguredMode, app.ModeOverride, app.LastSeen, groups);
    }

    /// <summary>The wire and audit text of a setting: <c>default</c>, <c>track</c> or <c>exclude</c>.</summary>
    /// <param name="setting">The setting.</param>
    /// <returns>The lower-case text.</returns>
    public static string SettingText(TrackingSetting setting) => setting switch
    {
        TrackingSetting.Track => "track",
        TrackingSetting.Exclude => "exclude",
        _ => "default",
    };

    private static string ModeText(TrackingMode? mode) => mode switch
    {
        TrackingMode.Include => "include",
        TrackingMode.Exclude => "exclude",
        _ => "default",
    };
}
