using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Joules.Bench;

/// <summary>The cheapest SMTP server that still speaks the protocol: answers every command at once (PIPELINING, 8BITMIME),
/// skips the data up to the terminating dot line and counts the messages. Measures the client side without the cost of a
/// real server's parsing in the same process.</summary>
internal sealed class NullSmtpSink : IAsyncDisposable
{
    private static readonly byte[] Greeting = "220 null.sink ESMTP\r\n"u8.ToArray();
    private static readonly byte[] Ehlo = "250-null.sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"u8.ToArray();
    private static readonly byte[] Ok = "250 OK\r\n"u8.ToArray();
    private static readonly byte[] StartData = "354 go ahead\r\n"u8.ToArray();
    private static readonly byte[] Bye = "221 bye\r\n"u8.ToArray();
    private static readonly byte[] Unknown = "502 not implemented\r\n"u8.ToArray();
    private static readonly byte[] EndOfData = "\r\n.\r\n"u8.ToArray();

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _sessions = [];
    private readonly Task _accepting;
    private int _received;

    public NullSmtpSink()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public int Received => Volatile.Read(ref _received);

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                client.NoDelay = true;
                lock (_sessions) _sessions.Add(Task.Run(() => SessionAsync(client)));
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    private async Task SessionAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = PipeReader.Create(stream);
        var writer = PipeWriter.Create(stream);
        var inData = false;
        try
        {
            writer.Write(Greeting);
            await writer.FlushAsync(_stop.Token);
            while (true)
            {
                var result = await reader.ReadAsync(_stop.Token);
                var buffer = result.Buffer;
                var quit = false;
                while (true)
                {
                    if (inData)
                    {
                        // The data ends with CRLF.CRLF (the last line's CRLF, then a dot line); ".CRLF" at once is an empty message.
                        var data = new SequenceReader<byte>(buffer);
                        if (data.IsNext("."u8, advancePast: false) && data.Remaining >= 3 && StartsWithDotLine(buffer))
                        { buffer = buffer.Slice(3); inData = false; Interlocked.Increment(ref _received); writer.Write(Ok); continue; }
                        if (!data.TryReadTo(out ReadOnlySequence<byte> _, EndOfData, advancePastDelimiter: true)) break;
                        buffer = buffer.Slice(data.Position);
                        inData = false;
                        Interlocked.Increment(ref _received);
                        writer.Write(Ok);
                        continue;
                    }
                    var line = new SequenceReader<byte>(buffer);
                    if (!line.TryReadTo(out ReadOnlySequence<byte> command, "\r\n"u8, advancePastDelimiter: true)) break;
                    buffer = buffer.Slice(line.Position);
                    var verb = Encoding.ASCII.GetString(command.Slice(0, Math.Min(4, command.Length))).ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO": writer.Write(Ehlo); break;
                        case "HELO" or "MAIL" or "RCPT" or "RSET" or "NOOP": writer.Write(Ok); break;
                        case "DATA":
                            writer.Write(StartData);
                            inData = true;
                            break;
                        case "QUIT": writer.Write(Bye); quit = true; break;
                        default: writer.Write(Unknown); break;
                    }
                    if (quit) break;
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                await writer.FlushAsync(_stop.Token);
                if (quit || result.IsCompleted) break;
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
        finally
        {
            await reader.CompleteAsync();
            await writer.CompleteAsync();
        }
    }

    // Data starting with ".\r\n" right after DATA is an empty message.
    private static bool StartsWithDotLine(ReadOnlySequence<byte> buffer)
    {
        Span<byte> head = stackalloc byte[3];
        buffer.Slice(0, 3).CopyTo(head);
        return head.SequenceEqual(".\r\n"u8);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        Task[] sessions;
        lock (_sessions) sessions = [.. _sessions];
        await Task.WhenAll(sessions).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }
}
