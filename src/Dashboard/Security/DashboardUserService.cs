using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using UsageDashboard.Data;
using UsageDashboard.Data.Security;

namespace UsageDashboard.Dashboard.Security;

/// <summary>
/// Dashboard users in the shared database: password hashing with ASP.NET Core Identity's
/// <see cref="PasswordHasher{TUser}"/> (PBKDF2, per-user salt, rehash on upgrade), roles, and the
/// rules that keep at least one admin.
/// </summary>
internal sealed class DashboardUserService(IDbContextFactory<UsageDbContext> contexts, TimeProvider time)
{
    public const int MinPasswordLength = 8;
    public const int MaxUserNameLength = 100;

    private static readonly PasswordHasher<DashboardUser> Hasher = new();

    // The one-time setup must create exactly one first admin even when two browsers submit together.
    private static readonly SemaphoreSlim SetupLock = new(1, 1);

    public async Task<bool> AnyUserAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<DashboardUser>().AnyAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DashboardUser>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = await db.Set<DashboardUser>().AsNoTracking().ToListAsync(cancellationToken);
        return users.OrderBy(u => u.NormalizedUserName, StringComparer.Ordinal).ToList();
    }

    public async Task<DashboardUser?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<DashboardUser>().AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
    }

    /// <summary>Checks a user name and password; null when either is wrong.</summary>
    public async Task<DashboardUser?> VerifyAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        var normalized = Normalize(userName);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Set<DashboardUser>().FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken);
        if (user is null)
        {
            // Hash anyway so an unknown name takes as long as a wrong password.
            Hasher.VerifyHashedPassword(new DashboardUser(), DummyHash.Value, password);
            return null;
        }

        var result = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = Hasher.HashPassword(user, password);
            await db.SaveChangesAsync(cancellationToken);
        }

        return user;
    }

    public async Task<UserResult> CreateAsync(string userName, string password, string role, CancellationToken cancellationToken = default)
    {
        var problem = CheckUserName(userName) ?? CheckPassword(password) ?? CheckRole(role);
        if (problem is not null)
        {
            return UserResult.Fail(problem);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var normalized = Normalize(userName);
        if (await db.Set<DashboardUser>().AnyAsync(u => u.NormalizedUserName == normalized, cancellationToken))
        {
            return UserResult.Fail($"A user named '{userName.Trim()}' already exists.");
        }

        var user = new DashboardUser
        {
            UserName = userName.Trim(),
            NormalizedUserName = normalized,
            Role = role,
            SecurityStamp = NewStamp(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        user.PasswordHash = Hasher.HashPassword(user, password);
        db.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return UserResult.Fail($"A user named '{userName.Trim()}' already exists.");
        }

        return UserResult.Ok(user);
    }

    /// <summary>Creates the first admin, only while no user exists (the one-time setup).</summary>
    public async Task<UserResult> CreateFirstAdminAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        await SetupLock.WaitAsync(cancellationToken);
        try
        {
            if (await AnyUserAsync(cancellationToken))
            {
                return UserResult.Fail("Setup is already done: sign in instead.");
            }

            return await CreateAsync(userName, password, DashboardRoles.Admin, cancellationToken);
        }
        finally
        {
            SetupLock.Release();
        }
    }

    public async Task<UserResult> SetRoleAsync(long id, string role, CancellationToken cancellationToken = default)
    {
        if (CheckRole(role) is { } problem)
        {
            return UserResult.Fail(problem);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Set<DashboardUser>().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return UserResult.Fail("The user no longer exists.");
        }

        if (user.Role == DashboardRoles.Admin && role != DashboardRoles.Admin && await IsLastAdminAsync(db, cancellationToken))
        {
            return UserResult.Fail("The last admin cannot become a viewer: make another user admin first.");
        }

        user.Role = role;
        user.SecurityStamp = NewStamp();
        await db.SaveChangesAsync(cancellationToken);
        return UserResult.Ok(user);
    }

    public async Task<UserResult> ResetPasswordAsync(long id, string password, CancellationToken cancellationToken = default)
    {
        if (CheckPassword(password) is { } problem)
        {
            return UserResult.Fail(problem);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Set<DashboardUser>().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return UserResult.Fail("The user no longer exists.");
        }

        user.PasswordHash = Hasher.HashPassword(user, password);
        // Signs the user out everywhere: cookies carry the old stamp.
        user.SecurityStamp = NewStamp();
        await db.SaveChangesAsync(cancellationToken);
        return UserResult.Ok(user);
    }

    public async Task<UserResult> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Set<DashboardUser>().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return UserResult.Fail("The user no longer exists.");
        }

        if (user.Role == DashboardRoles.Admin && await IsLastAdminAsync(db, cancellationToken))
        {
            return UserResult.Fail("The last admin cannot be deleted.");
        }

        db.Remove(user);
        await db.SaveChangesAsync(cancellationToken);
        return UserResult.Ok(user);
    }

    public static string Normalize(string userName) => userName.Trim().ToUpperInvariant();

    private static async Task<bool> IsLastAdminAsync(UsageDbContext db, CancellationToken cancellationToken) =>
        await db.Set<DashboardUser>().CountAsync(u => u.Role == DashboardRoles.Admin, cancellationToken) <= 1;

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private static string? CheckUserName(string? userName)
    {
        var trimmed = userName?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return "Enter a user name.";
        }

        if (trimmed.Length > MaxUserNameLength)
        {
            return $"A user name has at most {MaxUserNameLength} characters.";
        }

        return trimmed.Any(char.IsControl) ? "A user name cannot contain control characters." : null;
    }

    private static string? CheckPassword(string? password) =>
        password is null || password.Length < MinPasswordLength
            ? $"A password needs at least {MinPasswordLength} characters."
            : null;

    private static string? CheckRole(string role) =>
        DashboardRoles.IsValid(role) ? null : $"Unknown role '{role}': use {DashboardRoles.Admin} or {DashboardRoles.Viewer}.";

    private static readonly Lazy<string> DummyHash = new(() => Hasher.HashPassword(new DashboardUser(), "not-a-password"));
}
