using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UsageDashboard.Data;

namespace UsageDashboard.Tracker.Enrichment.Visitors;

/// <summary>
/// Salts in the shared usage database (<c>visitor_salts</c>), so that every instance writing to it
/// derives the same visitor id. Two instances racing to create a day's salt both end up with the row
/// that won the insert: the day is the primary key.
/// </summary>
internal sealed class DatabaseVisitorSaltStore(IServiceScopeFactory scopes) : IVisitorSaltStore
{
    public async Task<byte[]> GetOrCreateAsync(DateOnly day, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (db, owned) = Context(scope.ServiceProvider);
        await using var ownedContext = owned;

        var existing = await Find(db, day, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing;
        }

        db.Add(new VisitorSalt { Day = day, Salt = RandomNumberGenerator.GetBytes(32) });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Another instance inserted the day first: use theirs.
            db.ChangeTracker.Clear();
        }
        return await Find(db, day, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The visitor salt of {day:yyyy-MM-dd} could neither be read nor created.");
    }

    public async Task DeleteBeforeAsync(DateOnly day, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (db, owned) = Context(scope.ServiceProvider);
        await using var ownedContext = owned;
        await db.Set<VisitorSalt>().Where(s => s.Day < day).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Task<byte[]?> Find(UsageDbContext db, DateOnly day, CancellationToken cancellationToken) =>
        db.Set<VisitorSalt>().AsNoTracking().Where(s => s.Day == day).Select(s => s.Salt).FirstOrDefaultAsync(cancellationToken);

    /// <summary>A context from the factory (owned: disposed by the caller) or the scope's own (disposed with the scope).</summary>
    private static (UsageDbContext Context, UsageDbContext? Owned) Context(IServiceProvider services)
    {
        if (services.GetService<IDbContextFactory<UsageDbContext>>() is { } factory)
        {
            var created = factory.CreateDbContext();
            return (created, created);
        }
        return (services.GetRequiredService<UsageDbContext>(), null);
    }
}
