using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace UsageDashboard.TestSupport;

/// <summary>
/// A real PostgreSQL server for tests: a throwaway cluster started from the locally installed server
/// binaries, or the server named by the <c>USAGE_TEST_POSTGRES</c> connection string. One instance is
/// shared per test assembly: declare <c>[assembly: AssemblyFixture(typeof(PostgresServerFixture))]</c>
/// and take it as a constructor parameter.
/// </summary>
/// <remarks>
/// The cluster starts lazily, on the first <see cref="CreateDatabaseAsync"/>, so test runs that never
/// touch PostgreSQL pay nothing. When no server can be started the calling test is skipped with the
/// reason, except when the <c>CI</c> environment variable is set: then it fails, so a CI run can never
/// pass without having exercised PostgreSQL.
/// </remarks>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    /// <summary>Environment variable holding a connection string of an existing server to use instead.</summary>
    public const string ConnectionStringVariable = "USAGE_TEST_POSTGRES";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _startLock = new(1, 1);
    private readonly List<string> _createdDatabases = [];
    private string? _serverConnectionString;
    private string? _unavailableReason;
    private string? _clusterRoot;
    private string? _dataDir;
    private string? _binDir;
    private bool _runAsPostgres;

    /// <summary>True when the <c>CI</c> environment variable is set: an unavailable server fails instead of skipping.</summary>
    public static bool IsCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <inheritdoc />
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// The postmaster process id of the throwaway cluster (for benchmarks that measure the server's CPU
    /// time); null before it started or when an external server is used.
    /// </summary>
    public int? ServerProcessId
    {
        get
        {
            var pidFile = _dataDir is null ? null : Path.Combine(_dataDir, "postmaster.pid");
            return pidFile is not null && File.Exists(pidFile)
                && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) ? pid : null;
        }
    }

    /// <summary>
    /// Creates a fresh, uniquely named, empty database and returns its connection string.
    /// Skips the calling test (or fails it under CI) when no PostgreSQL server is available.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "usage_test")
    {
        var server = await EnsureServerAsync().ConfigureAwait(false);
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        lock (_createdDatabases)
        {
            _createdDatabases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// The connection string of the maintenance database (<c>postgres</c>) of the server, starting it if
    /// needed. Skips the calling test (or fails it under CI) when no server is available.
    /// </summary>
    public Task<string> GetServerConnectionStringAsync() => EnsureServerAsync();

    private async Task<string> EnsureServerAsync()
    {
        await _startLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_serverConnectionString is null && _unavailableReason is null)
            {
                try
                {
                    _serverConnectionString = await StartAsync().ConfigureAwait(false);
                }
#pragma warning disable CA1031 // Any failure to start means "no server": the reason is reported below.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    _unavailableReason = $"PostgreSQL is not available: {ex.Message}";
                    await StopClusterAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _startLock.Release();
        }

        if (_serverConnectionString is not null)
        {
            return _serverConnectionString;
        }

        if (IsCi)
        {
            throw new InvalidOperationException(_unavailableReason + " (the CI environment variable is set, so this fails instead of skipping)");
        }

        Assert.Skip(_unavailableReason + $" Set {ConnectionStringVariable} to a server connection string, or install the PostgreSQL server binaries.");
        throw new InvalidOperationException("unreachable");
    }

    private async Task<string> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            await using var probe = new NpgsqlConnection(external);
            await probe.OpenAsync().ConfigureAwait(false);
            return external;
        }

        _binDir = FindBinDir() ?? throw new InvalidOperationException(
            "no PostgreSQL server binaries found (pg_config --bindir, /usr/lib/postgresql/*/bin)");
        _runAsPostgres = Environment.UserName == "root";

        // initdb refuses to run as root: the cluster then belongs to the postgres user, and its directory
        // must be reachable by that user (a root-only TMPDIR is not).
        var tempBase = _runAsPostgres ? "/tmp" : Path.GetTempPath();
        _clusterRoot = Path.Combine(tempBase, $"usage-pg-{Guid.NewGuid():N}");
        _dataDir = Path.Combine(_clusterRoot, "data");
        var socketDir = Path.Combine(_clusterRoot, "socket");
        Directory.CreateDirectory(_clusterRoot);
        Directory.CreateDirectory(socketDir);
        if (_runAsPostgres)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", _clusterRoot], asPostgres: false).ConfigureAwait(false);
        }

        await RunAsync(Path.Combine(_binDir, "initdb"),
            ["-D", _dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"],
            _runAsPostgres).ConfigureAwait(false);

        // A port taken between probing and binding makes pg_ctl fail: try a few ports.
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = FreePort();
            try
            {
                // Durability is irrelevant for a throwaway cluster; turning it off keeps tests fast.
                var options = string.Join(' ',
                    $"-p {port}", "-c listen_addresses=127.0.0.1", $"-k {socketDir}",
                    "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off",
                    "-c max_connections=300", "-c shared_buffers=64MB");
                await RunAsync(Path.Combine(_binDir, "pg_ctl"),
                    ["-D", _dataDir, "-l", Path.Combine(_clusterRoot, "server.log"), "-w", "-t", "60", "-o", options, "start"],
                    _runAsPostgres).ConfigureAwait(false);
                var connectionString = new NpgsqlConnectionStringBuilder
                {
                    Host = "127.0.0.1",
                    Port = port,
                    Username = "postgres",
                    Database = "postgres",
                    IncludeErrorDetail = true,
                }.ConnectionString;
                await using var probe = new NpgsqlConnection(connectionString);
                await probe.OpenAsync().ConfigureAwait(false);
                return connectionString;
            }
#pragma warning disable CA1031 // Retried with another port; the last failure is rethrown.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                last = ex;
            }
        }

        throw new InvalidOperationException($"could not start the cluster: {last?.Message}", last);
    }

    /// <summary>Stops the throwaway cluster and deletes its files, or drops the databases created on an external server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_dataDir is null && _serverConnectionString is not null)
        {
            await DropCreatedDatabasesAsync(_serverConnectionString).ConfigureAwait(false);
        }

        await StopClusterAsync().ConfigureAwait(false);
        _startLock.Dispose();
    }

    private async Task DropCreatedDatabasesAsync(string server)
    {
        NpgsqlConnection.ClearAllPools();
        string[] names;
        lock (_createdDatabases)
        {
            names = [.. _createdDatabases];
        }

        try
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync().ConfigureAwait(false);
            foreach (var name in names)
            {
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // Best-effort cleanup of a server we do not own.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private async Task StopClusterAsync()
    {
        if (_dataDir is null || _binDir is null || _clusterRoot is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(_dataDir, "postmaster.pid")))
        {
            try
            {
                await RunAsync(Path.Combine(_binDir, "pg_ctl"), ["-D", _dataDir, "-m", "immediate", "-w", "stop"], _runAsPostgres)
                    .ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Deleting the directory below is still worth trying.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        try
        {
            Directory.Delete(_clusterRoot, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        _dataDir = null;
    }

    private static string? FindBinDir()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is not null)
            {
                var dir = process.StandardOutput.ReadToEnd().Trim();
                process.WaitForExit();
                if (process.ExitCode == 0 && File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
                {
                    return dir;
                }
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // pg_config not installed: look in the Debian layout below.
        }

        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d).Split('.')[0], out var v) ? v : 0))
            .Where(x => File.Exists(Path.Combine(x.Dir, "initdb")))
            .OrderByDescending(x => x.Version)
            .Select(x => x.Dir)
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var info = new ProcessStartInfo(asPostgres ? "runuser" : fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        if (asPostgres)
        {
            foreach (var a in (string[])["-u", "postgres", "--", fileName])
            {
                info.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        // pg_ctl start leaves the server holding inherited stdout/stderr pipes open, so read only until the
        // process itself exits rather than until the pipes close.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(fileName)} did not finish within {CommandTimeout.TotalSeconds} s");
        }

        if (process.ExitCode != 0)
        {
            var error = await Task.WhenAny(stderr, Task.Delay(1000)).ConfigureAwait(false) == stderr ? await stderr.ConfigureAwait(false) : "";
            var output = await Task.WhenAny(stdout, Task.Delay(100)).ConfigureAwait(false) == stdout ? await stdout.ConfigureAwait(false) : "";
            throw new InvalidOperationException($"{Path.GetFileName(fileName)} exited with {process.ExitCode}: {(error + output).Trim()}");
        }
    }
}
