using System.Diagnostics;
using Npgsql;

namespace Portal.Tests.Integration.Faults;

/// <summary>
/// A PostgreSQL cluster of the test's own (initdb into a temporary directory, a free loopback port), so a test may
/// stop and restart it without touching the test stack's server that other test classes share. Built as
/// <c>./portal stack</c> builds its own: the newest server under /usr/lib/postgresql, run as the postgres user when
/// the tests run as root (PostgreSQL refuses root), a bootstrap superuser <c>portal</c>, and the two roles the portal
/// uses: <see cref="OwnerRole"/> migrates and owns the schema, <see cref="AppRole"/> is what the portal runs as.
/// </summary>
public sealed class OwnPostgres : IAsyncDisposable
{
    public const string OwnerRole = "portal_owner";
    public const string AppRole = "portal_app";
    private const string Password = "portal";
    public const string Database = "portal";

    private readonly string _base = Path.Combine(Path.GetTempPath(), "portal-own-pg-" + Guid.NewGuid().ToString("N")[..12]);

    public int Port { get; } = TestStack.FreeLoopbackPort();

    private string Data => Path.Combine(_base, "data");

    private string Log => Path.Combine(_base, "server.log");

    private static string Bin { get; } = FindBin();

    private static bool AsRoot => Environment.UserName == "root";

    /// <summary>As the bootstrap superuser, to the <c>postgres</c> database.</summary>
    public string SuperuserConnection => Connection("portal", "postgres");

    /// <summary>The migrating role, to <see cref="Database"/>.</summary>
    public string OwnerConnection => Connection(OwnerRole, Database);

    /// <summary>The portal's own role, to <see cref="Database"/>; short timeouts so a test waiting on a stopped server does not wait long.</summary>
    public string AppConnection => Connection(AppRole, Database);

    private string Connection(string user, string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = user,
        Password = Password,
        Database = database,
        Timeout = 5,
    }.ConnectionString;

    /// <summary>initdb, start, then the roles and an empty database owned by <see cref="OwnerRole"/>.</summary>
    public async Task CreateAsync()
    {
        Directory.CreateDirectory(_base);
        var pwfile = Path.Combine(_base, "pwfile");
        await File.WriteAllTextAsync(pwfile, Password + "\n");
        if (AsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:", _base]);
        }

        await RunAsync(Path.Combine(Bin, "initdb"), ["-D", Data, "-U", "portal", "--pwfile=" + pwfile, "-E", "UTF8", "--locale=C.UTF-8",
            "--auth-local=peer", "--auth-host=scram-sha-256", "--no-sync"], asPostgres: true);
        await File.AppendAllTextAsync(Path.Combine(Data, "postgresql.conf"),
            "listen_addresses = '127.0.0.1'\nunix_socket_directories = ''\nmax_connections = 100\nshared_buffers = 32MB\n");
        await StartAsync();
        try
        {
            await CreateRolesAsync();
        }
        catch
        {
            // xUnit does not dispose a fixture whose initialisation threw: leave no server behind.
            await DisposeAsync();
            throw;
        }
    }

    private async Task CreateRolesAsync()
    {
        await using var admin = new NpgsqlConnection(SuperuserConnection);
        await admin.OpenAsync();
        // One statement at a time: CREATE DATABASE may not share a batch.
        string[] statements =
        [
            $"CREATE ROLE {OwnerRole} LOGIN CREATEDB PASSWORD '{Password}'",
            $"CREATE ROLE {AppRole} LOGIN NOINHERIT PASSWORD '{Password}'",
            $"GRANT pg_signal_backend TO {OwnerRole}",
            $"CREATE DATABASE {Database} OWNER {OwnerRole}",
            $"GRANT CONNECT ON DATABASE {Database} TO {AppRole}",
        ];
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, admin);
            await command.ExecuteNonQueryAsync();
        }
    }

    public Task StartAsync() =>
        RunAsync(Path.Combine(Bin, "pg_ctl"), ["start", "-D", Data, "-l", Log, "-w", "-t", "60", "-o", $"-p {Port}"], asPostgres: true);

    /// <summary>A fast shutdown: every session is ended at once (open transactions roll back), as a restart in production does.</summary>
    public Task StopAsync() =>
        RunAsync(Path.Combine(Bin, "pg_ctl"), ["stop", "-D", Data, "-m", "fast", "-w", "-t", "60"], asPostgres: true);

    /// <summary><c>pg_ctl restart -m fast</c>: stops (ending every session) and starts again on the same port.</summary>
    public Task RestartAsync() =>
        RunAsync(Path.Combine(Bin, "pg_ctl"), ["restart", "-D", Data, "-l", Log, "-m", "fast", "-w", "-t", "60", "-o", $"-p {Port}"], asPostgres: true);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(Data, "postmaster.pid")))
        {
            try
            {
                await RunAsync(Path.Combine(Bin, "pg_ctl"), ["stop", "-D", Data, "-m", "immediate", "-w", "-t", "30"], asPostgres: true);
            }
            catch (InvalidOperationException)
            {
                // Already stopped; the directory goes anyway.
            }
        }

        try
        {
            Directory.Delete(_base, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is no reason to fail the test.
        }
    }

    private async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres = false)
    {
        var start = asPostgres && AsRoot
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", program, .. arguments])
            : new ProcessStartInfo(program, arguments);
        // The postgres user must be able to read the working directory, or initdb and pg_ctl complain.
        start.WorkingDirectory = _base;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        // pg_ctl start leaves the server holding no pipe of ours (its output goes to the log), so reading to the end returns.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var log = File.Exists(Log) ? string.Join('\n', File.ReadLines(Log).TakeLast(20)) : "";
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}\n{log}");
        }
    }

    private static string FindBin()
    {
        var newest = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
                .Where(d => File.Exists(Path.Combine(d.Dir, "bin", "pg_ctl")))
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Dir, "bin"))
                .FirstOrDefault()
            : null;
        return newest ?? throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql (as ./portal stack needs them)");
    }
}
