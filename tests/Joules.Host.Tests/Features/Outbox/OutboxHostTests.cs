using System.Net;
using Joules.Core.Data;
using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging;
using Joules.Core.Messaging.Outbox;
using Joules.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Joules.Host.Tests.Features.Outbox;

/// <summary>The real host sends queued mail in the background and shows the outbox page.</summary>
public sealed class OutboxHostTests : IClassFixture<OutboxHostTests.Host>
{
    public sealed class Host : JoulesAppFactory
    {
        public Host() { DemoCustomers = 3; } // the demo tenant brings the admin user

        public RecordingTransport Transport { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton<IMailTransport>(Transport));
        }
    }

    public sealed class RecordingTransport : IMailTransport
    {
        private readonly List<MimeMessage> _sent = [];
        public IReadOnlyList<MimeMessage> Sent { get { lock (_sent) return _sent.ToList(); } }

        public Task SendAsync(MimeMessage message, Guid? brandId, CancellationToken ct = default)
        {
            lock (_sent) _sent.Add(message);
            return Task.CompletedTask;
        }
    }

    private readonly Host _app;

    public OutboxHostTests(Host app) => _app = app;

    [Fact]
    public async Task Mail_queued_with_a_save_is_sent_by_the_background_sender()
    {
        Guid id = default;
        await _app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<JoulesDbContext>();
            id = (await db.QueueMailAsync(null, "host-test:welcome", "erika@example.de", "Willkommen bei Joules", "<p>Hallo</p>", "Hallo")).Message.Id;
            await db.SaveChangesAsync();
        });

        var deadline = DateTime.UtcNow.AddSeconds(30);
        OutboxMessage? message = null;
        while (DateTime.UtcNow < deadline)
        {
            await _app.WithScopeAsync(async services =>
                message = await services.GetRequiredService<JoulesDbContext>().OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));
            if (message!.Status == OutboxStatus.Sent) break;
            await Task.Delay(100);
        }

        message!.Status.ShouldBe(OutboxStatus.Sent, message.LastError);
        _app.Transport.Sent.Count(m => m.Subject == "Willkommen bei Joules").ShouldBe(1);
    }

    [Fact]
    public async Task Outbox_page_is_open_to_administrators_with_a_nav_entry()
    {
        var admin = await SignedInClient.CreateAsync(_app);

        var page = await admin.GetAsync("/admin/outbox");

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("Postausgang");
        html.ShouldContain("href=\"admin/outbox\"");
    }
}
