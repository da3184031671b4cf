using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Joules.Plugins.Newsletter.Tests.Sending.Infrastructure;

/// <summary>A tiny POP3 server (RFC 1939: USER, PASS, STAT, LIST, RETR, DELE, NOOP, RSET, QUIT, and CAPA) over plain TCP on
/// 127.0.0.1 with one mailbox. Deletions take effect at QUIT, as the protocol says.</summary>
public sealed class Pop3Server : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly object _lock = new();
    private readonly List<string> _messages = [];

    public Pop3Server(string user, string password)
    {
        User = user;
        Password = password;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string User { get; }
    public string Password { get; }
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public int FailedLogins { get; private set; }

    public IReadOnlyList<string> Messages
    {
        get { lock (_lock) return [.. _messages]; }
    }

    public void Add(string rawMessage)
    {
        lock (_lock) _messages.Add(rawMessage.ReplaceLineEndings("\r\n"));
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = Task.Run(() => SessionAsync(client));
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested) { }
    }

    private async Task SessionAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.Latin1);
        await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
        string[] box;
        lock (_lock) box = [.. _messages];
        var deleted = new HashSet<int>();
        string? user = null;
        var authenticated = false;
        await writer.WriteLineAsync("+OK test POP3 ready");
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            var parts = line.Split(' ', 2);
            var command = parts[0].ToUpperInvariant();
            var argument = parts.Length > 1 ? parts[1] : "";
            if (command == "CAPA") { await writer.WriteAsync("+OK\r\nUSER\r\nUIDL\r\n.\r\n"); continue; }
            if (command == "QUIT")
            {
                lock (_lock)
                    foreach (var index in deleted.OrderDescending()) _messages.Remove(box[index]);
                await writer.WriteLineAsync("+OK bye");
                return;
            }
            if (!authenticated)
            {
                if (command == "USER") { user = argument; await writer.WriteLineAsync("+OK"); }
                else if (command == "PASS" && user == User && argument == Password) { authenticated = true; await writer.WriteLineAsync("+OK logged in"); }
                else if (command == "PASS") { FailedLogins++; await writer.WriteLineAsync("-ERR invalid login"); }
                else await writer.WriteLineAsync("-ERR log in first");
                continue;
            }
            var live = Enumerable.Range(0, box.Length).Where(i => !deleted.Contains(i)).ToList();
            switch (command)
            {
                case "STAT":
                    await writer.WriteLineAsync($"+OK {live.Count} {live.Sum(i => Size(box[i]))}");
                    break;
                case "LIST" when argument == "":
                    await writer.WriteAsync($"+OK {live.Count} messages\r\n" + string.Concat(live.Select(i => $"{i + 1} {Size(box[i])}\r\n")) + ".\r\n");
                    break;
                case "UIDL" when argument == "":
                    await writer.WriteAsync("+OK\r\n" + string.Concat(live.Select(i => $"{i + 1} m{i + 1}\r\n")) + ".\r\n");
                    break;
                case "LIST" or "RETR" or "DELE" or "UIDL":
                    if (!int.TryParse(argument, out var n) || n < 1 || n > box.Length || deleted.Contains(n - 1)) { await writer.WriteLineAsync("-ERR no such message"); break; }
                    if (command == "LIST") await writer.WriteLineAsync($"+OK {n} {Size(box[n - 1])}");
                    else if (command == "UIDL") await writer.WriteLineAsync($"+OK {n} m{n}");
                    else if (command == "DELE") { deleted.Add(n - 1); await writer.WriteLineAsync("+OK deleted"); }
                    else
                    {
                        var body = string.Join("\r\n", box[n - 1].Split("\r\n").Select(l => l.StartsWith('.') ? "." + l : l));
                        await writer.WriteAsync($"+OK {Size(box[n - 1])} octets\r\n{body}\r\n.\r\n");
                    }
                    break;
                case "NOOP": await writer.WriteLineAsync("+OK"); break;
                case "RSET": deleted.Clear(); await writer.WriteLineAsync("+OK"); break;
                default: await writer.WriteLineAsync("-ERR unknown command"); break;
            }
        }
    }

    private static int Size(string message) => Encoding.Latin1.GetByteCount(message);

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
