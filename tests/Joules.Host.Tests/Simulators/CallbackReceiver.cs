using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Joules.Host.Tests.Simulators;

/// <summary>A loopback HTTP endpoint that records what is posted to it (body and signature header).</summary>
public sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    public sealed record Received(string Body, string? Signature);

    public ConcurrentQueue<Received> Posts { get; } = new();

    public string Url { get; private set; } = "";

    private CallbackReceiver(WebApplication app) => _app = app;

    public static async Task<CallbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new CallbackReceiver(app);
        app.MapPost("/reports", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            receiver.Posts.Enqueue(new Received(await reader.ReadToEndAsync(), request.Headers["X-Signature"].FirstOrDefault()));
            return Results.Ok();
        });
        await app.StartAsync();
        receiver.Url = app.Urls.First().TrimEnd('/') + "/reports";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
