using Joules.Core.Domain.Common;
using Joules.Plugins.Newsletter.Audiences;
using Joules.Plugins.Newsletter.Model;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.Newsletter.Tests.Audiences;

public class ImportAndSuppressionTests
{
    private static ImportOptions Documented(long listId) =>
        new(AudienceKit.Brand, "Stadtwerke Sonnental", listId, "messe-2026.csv", ImportConsentMode.DocumentedElsewhere, "Einwilligungskarten Messe Sonnental 2026, Ordner M-12");

    [Fact]
    public async Task Csv_import_with_an_invalid_line_imports_nothing_and_names_the_lines()
    {
        await using var kit = await AudienceKit.CreateAsync();
        var list = await kit.ListAsync();
        var csv = "E-Mail;Vorname;Nachname;PLZ;Ort;Sprache;Tracking\n"
            + "anna@example.test;Anna;Alt;12345;Sonnental;de;ja\n"
            + "kein-at-zeichen;Bernd;;;;;\n"
            + "ANNA@example.test;Anna;Doppelt;;;;\n"
            + $"carla@example.test;{new string('x', 101)};;;;fr;vielleicht\n";

        var result = await kit.Import.ImportAsync(csv, Documented(list.Id));

        result.Succeeded.ShouldBeFalse();
        result.Errors.Select(e => e.Line).Distinct().ShouldBe([3, 4, 5]);
        result.Errors.ShouldContain(e => e.Line == 3 && e.Message.Contains("kein-at-zeichen"));
        result.Errors.ShouldContain(e => e.Line == 4 && e.Message.Contains("Zeile 2"));
        result.Errors.Count(e => e.Line == 5).ShouldBe(3);   // too long first name, language, tracking
        await using var db = kit.Db();
        (await db.Subscribers.CountAsync()).ShouldBe(0);
        (await db.Subscriptions.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Csv_import_with_documented_consent_confirms_with_the_proof_and_keeps_extra_columns_as_variables()
    {
        await using var kit = await AudienceKit.CreateAsync();
        var list = await kit.ListAsync();
        var csv = "\uFEFFE-Mail;Vorname;Nachname;PLZ;Ort;Sprache;Tracking;Kundennummer;Tarif\r\n"
            + "anna@example.test;Anna;Alt;12345;Sonnental;de;ja;K-100;\"Öko; Strom\"\r\n"
            + "ben@example.test;Ben;;;;en;nein;;\r\n";

        var result = await kit.Import.ImportAsync(csv, Documented(list.Id));

        result.Succeeded.ShouldBeTrue();
        result.Imported.ShouldBe(2);
        kit.Mail.Sent.ShouldBeEmpty();
        await using var db = kit.Db();
        var anna = await db.Subscribers.SingleAsync(s => s.Email == "anna@example.test");
        anna.Source.ShouldBe(SubscriberSource.Import);
        anna.PostalCode.ShouldBe("12345");
        anna.TrackingConsent.ShouldBeTrue();
        anna.AttributesJson.ShouldNotBeNull();
        anna.AttributesJson.ShouldContain("\"Kundennummer\":\"K-100\"");
        anna.AttributesJson.ShouldContain("Tarif");
        (await db.Subscribers.SingleAsync(s => s.Email == "ben@example.test")).Language.ShouldBe("en");
        var subscriptions = await db.Subscriptions.ToListAsync();
        subscriptions.ShouldAllBe(s => s.Status == SubscriptionStatus.Confirmed && s.Source == "import:messe-2026.csv"
            && s.ConsentText == "Einwilligungskarten Messe Sonnental 2026, Ordner M-12");
        kit.Audit.Actions.ShouldContain("NewsletterSubscribersImported");
    }

    [Fact]
    public async Task Csv_import_with_double_opt_in_sends_a_confirmation_mail_per_address_and_documented_mode_needs_a_proof()
    {
        await using var kit = await AudienceKit.CreateAsync();
        var list = await kit.ListAsync();
        var csv = "E-Mail\nanna@example.test\nben@example.test\n";

        await Should.ThrowAsync<DomainException>(() => kit.Import.ImportAsync(csv, Documented(list.Id) with { ProofText = " " }));
        var result = await kit.Import.ImportAsync(csv, Documented(list.Id) with { Mode = ImportConsentMode.DoubleOptIn, ProofText = null });

        result.ConfirmationMails.ShouldBe(2);
        kit.Mail.Sent.Count.ShouldBe(2);
        await using var db = kit.Db();
        (await db.Subscriptions.CountAsync(s => s.Status == SubscriptionStatus.Unconfirmed && s.Source == "import:messe-2026.csv")).ShouldBe(2);
    }

    [Fact]
    public async Task Suppression_excludes_a_confirmed_subscriber_from_the_audience()
    {
        await using var kit = await AudienceKit.CreateAsync();
        var list = await kit.ListAsync();
        await kit.Import.ImportAsync("E-Mail\nanna@example.test\nben@example.test\n", Documented(list.Id));
        await using (var db = kit.Db())
            (await AudienceQuery.Recipients(db, AudienceKit.Brand, [list.Id], null).CountAsync()).ShouldBe(2);

        await kit.Suppressions.AddAsync(AudienceKit.Brand, " Ben@Example.test", "Beschwerde am Telefon");

        await using (var db = kit.Db())
        {
            (await AudienceQuery.Recipients(db, AudienceKit.Brand, [list.Id], null).Select(s => s.Email).ToListAsync()).ShouldBe(["anna@example.test"]);
            var row = await db.Suppressions.SingleAsync();
            row.Reason.ShouldBe(SuppressionReason.Manual);
            await kit.Suppressions.RemoveAsync(row.Id);
        }
        await using (var db = kit.Db())
            (await AudienceQuery.Recipients(db, AudienceKit.Brand, [list.Id], null).CountAsync()).ShouldBe(2);
        kit.Audit.Actions.ShouldContain("NewsletterSuppressionAdded");
        kit.Audit.Actions.ShouldContain("NewsletterSuppressionRemoved");
    }
}
