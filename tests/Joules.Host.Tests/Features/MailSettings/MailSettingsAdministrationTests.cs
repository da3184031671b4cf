using Joules.Core.Data;
using Joules.Core.Domain.Brands;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Mail;
using Joules.Host.Features.MailSettings;
using Joules.Host.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Host.Tests.Features.MailSettings;

public sealed class MailSettingsAdministrationTests
{
    [Fact]
    public async Task Stores_the_password_encrypted_keeps_it_on_an_empty_field_and_never_writes_it_to_the_audit_log()
    {
        using var app = new JoulesAppFactory();
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IDbContextFactory<JoulesDbContext>>();
            var brand = new Brand("SWT", "Stadtwerke Test");
            await using (var c = db.CreateDbContext()) { c.Brands.Add(brand); await c.SaveChangesAsync(); }
            var admin = sp.GetRequiredService<MailSettingsAdministration>();
            var form = new MailSettingsForm { Host = "smtp.stadtwerke.test", Port = 587, UserName = "vertrieb", Password = "Geheim-123", SenderAddress = "vertrieb@stadtwerke.test", SenderName = "Stadtwerke Test" };

            await admin.SaveAsync(brand.Id, form);
            var again = await admin.LoadAsync(brand.Id);
            again.Password.ShouldBeNull();
            again.HasStoredPassword.ShouldBeTrue();
            again.SenderName = "Stadtwerke Test Vertrieb";
            await admin.SaveAsync(brand.Id, again);

            await using var check = db.CreateDbContext();
            var stored = await check.SmtpSettings.SingleAsync(s => s.BrandId == brand.Id);
            stored.ProtectedPassword.ShouldNotBeNull().ShouldNotContain("Geheim-123");
            var endpoint = (await sp.GetRequiredService<ISmtpEndpointSource>().ResolveAsync(brand.Id)).ShouldNotBeNull();
            endpoint.Password.ShouldBe("Geheim-123");
            endpoint.SenderName.ShouldBe("Stadtwerke Test Vertrieb");
            var audits = await check.AuditEntries.Where(a => a.EntityType == nameof(SmtpSettings)).ToListAsync();
            audits.Count.ShouldBe(2);
            audits.ShouldAllBe(a => !(a.Changes ?? "").Contains("ProtectedPassword") && !(a.Changes ?? "").Contains(stored.ProtectedPassword!));
        });
    }

    [Fact]
    public async Task Rejects_an_invalid_sender_address_naming_the_field()
    {
        using var app = new JoulesAppFactory();
        await app.WithScopeAsync(sp =>
        {
            var admin = sp.GetRequiredService<MailSettingsAdministration>();
            var ex = Should.Throw<DomainException>(() => admin.Validate(new MailSettingsForm { Host = "smtp.stadtwerke.test", SenderAddress = "vertrieb(at)stadtwerke" }));
            ex.Field.ShouldBe("SenderAddress");
            ex.Message.ShouldContain("Absenderadresse");
            return Task.CompletedTask;
        });
    }
}
