using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Joules.Core.Tests.Messaging.Messenger;

/// <summary>A real HTTP listener on 127.0.0.1 (Kestrel, free port) that records every request and answers with the
/// status codes queued in <see cref="Answers"/> (200 when none is left).</summary>
internal sealed class WebhookListener : IAsyncDisposable
{
    public sealed record Received(string Method, string Path, string? ContentType, string? IdempotencyKey, string Body);

    private readonly WebApplication _app;
    public ConcurrentQueue<int> Answers { get; } = new();
    public ConcurrentQueue<Received> Requests { get; } = new();
    public string ResponseBody { get; set; } = "ok";

    private WebhookListener(WebApplication app) => _app = app;

    public static async Task<WebhookListener> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var listener = new WebhookListener(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            listener.Requests.Enqueue(new Received(context.Request.Method, context.Request.Path + context.Request.QueryString,
                context.Request.ContentType, context.Request.Headers["Idempotency-Key"].FirstOrDefault(), body));
            context.Response.StatusCode = listener.Answers.TryDequeue(out var status) ? status : 200;
            await context.Response.WriteAsync(listener.ResponseBody);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        listener.BaseUrl = address.TrimEnd('/');
        return listener;
    }

    /// <summary>"http://127.0.0.1:port".</summary>
    public string BaseUrl { get; private set; } = "";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
