using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Joules.Core.Tests.Infrastructure;

/// <summary>A throwaway PostgreSQL 15 cluster for integration tests: initdb into a temp folder, postgres started as a
/// child process on a free loopback port with durability switched off (tests need speed, not crash safety), stopped
/// and deleted on dispose. Each test gets its own database from <see cref="CreateDatabaseAsync"/>.
/// The binaries are looked up in $JOULES_PG_BIN, /usr/lib/postgresql/15/bin or another installed version; CI installs them.
/// As root, initdb and postgres run as the "postgres" user (postgres refuses to run as root).</summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string DefaultBin = "/usr/lib/postgresql/15/bin";
    private readonly StringBuilder _log = new();
    private string _folder = "";
    private Process? _postgres;
    private int _databases;

    public int Port { get; private set; }
    private static string BinFolder =>
        Environment.GetEnvironmentVariable("JOULES_PG_BIN") is { Length: > 0 } bin ? bin
        : File.Exists(Path.Combine(DefaultBin, "initdb")) || !Directory.Exists("/usr/lib/postgresql") ? DefaultBin
        : Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault() ?? DefaultBin;
    private string DataFolder => Path.Combine(_folder, "data");
    private static bool IsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    /// <summary>Connection string of the maintenance database "postgres".</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Include Error Detail=true";

    public async Task InitializeAsync()
    {
        var initdb = Path.Combine(BinFolder, "initdb");
        if (!File.Exists(initdb))
            throw new InvalidOperationException(
                $"PostgreSQL binaries not found: {initdb} does not exist. Install PostgreSQL 15 (apt-get install postgresql-15) " +
                "or point JOULES_PG_BIN to the folder with initdb and postgres.");

        _folder = Path.Combine("/tmp", "joules-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_folder);
        if (IsRoot && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_folder, (UnixFileMode)0b111_111_111); // 0777: the postgres user must reach it
            await RunAsync("chown", ["postgres:postgres", _folder], asPostgres: false);
        }
        await RunAsync(initdb, ["-D", DataFolder, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"], asPostgres: true);

        Port = FreePort();
        _postgres = Start(Path.Combine(BinFolder, "postgres"),
        [
            "-D", DataFolder, "-k", _folder, "-c", "listen_addresses=127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200",
        ]);
        await WaitUntilAcceptingAsync();
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..12]}".ToLowerInvariant();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_postgres is { HasExited: false })
        {
            try
            {
                await RunAsync(Path.Combine(BinFolder, "pg_ctl"), ["stop", "-D", DataFolder, "-m", "immediate", "-w", "-t", "10"], asPostgres: true);
            }
            catch (InvalidOperationException) { }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await _postgres.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { _postgres.Kill(entireProcessTree: true); }
        }
        _postgres?.Dispose();
        try { if (_folder.Length > 0) Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private async Task WaitUntilAcceptingAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_postgres!.HasExited) throw new InvalidOperationException($"postgres exited with code {_postgres.ExitCode}:\n{Log()}");
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString + ";Pooling=false;Timeout=2");
                await connection.OpenAsync();
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
            {
                if (DateTime.UtcNow > deadline) throw new InvalidOperationException($"postgres did not accept connections within 30 s:\n{Log()}", ex);
                await Task.Delay(100);
            }
        }
    }

    private Process Start(string program, IReadOnlyList<string> args)
    {
        var process = new Process { StartInfo = StartInfo(program, args, asPostgres: true) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task RunAsync(string program, IReadOnlyList<string> args, bool asPostgres)
    {
        using var process = new Process { StartInfo = StartInfo(program, args, asPostgres) };
        process.Start();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed with exit code {process.ExitCode}:\n{await output}\n{await error}");
    }

    private static ProcessStartInfo StartInfo(string program, IReadOnlyList<string> args, bool asPostgres)
    {
        var info = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asPostgres && IsRoot)
        {
            info.FileName = "runuser";
            foreach (var a in (string[])["-u", "postgres", "--", program]) info.ArgumentList.Add(a);
        }
        else
        {
            info.FileName = program;
        }
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["LC_ALL"] = "C";
        return info;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    private string Log() { lock (_log) return _log.ToString(); }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Test classes in this collection share one <see cref="PostgresServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
