using Joules.Core.Domain.Common;
using Joules.Plugins.Newsletter.Audiences;
using Joules.Plugins.Newsletter.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Joules.Plugins.Newsletter.Tests.Audiences;

public class ListServiceTests
{
    private static ListService Service(AudienceKit kit) => new(kit.Store.Contexts, kit.Audit, new StringLocalizer<ListService>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance)));

    [Fact]
    public async Task Changing_the_consent_text_raises_its_version_and_earlier_proofs_keep_their_text()
    {
        await using var kit = await AudienceKit.CreateAsync();
        var lists = Service(kit);
        var id = await lists.SaveAsync(new MailingList { BrandId = AudienceKit.Brand, Name = "Energiespartipps", Public = true, ConsentText = "Version eins" });
        await kit.Public.SubscribeAsync(kit.Request("erika@example.test", id));
        var list = (await lists.ListAsync(AudienceKit.Brand, false)).Single().List;

        list.Name = "Energiespartipps";
        list.ConsentText = "Version zwei";
        await lists.SaveAsync(list);

        await using var db = kit.Db();
        (await db.Lists.SingleAsync()).ConsentTextVersion.ShouldBe(2);
        var proof = await db.Subscriptions.SingleAsync();
        proof.ConsentText.ShouldBe("Version eins");
        proof.ConsentTextVersion.ShouldBe(1);
        kit.Audit.Actions.ShouldBe(["NewsletterListCreated", "NewsletterListChanged"]);
    }

    [Fact]
    public async Task A_list_with_subscriptions_is_archived_instead_of_deleted_and_invalid_input_names_the_field()
    {
        await using var kit = await AudienceKit.CreateAsync();
        var lists = Service(kit);
        var used = await lists.SaveAsync(new MailingList { BrandId = AudienceKit.Brand, Name = "Benutzt", ConsentText = "Ja." });
        var empty = await lists.SaveAsync(new MailingList { BrandId = AudienceKit.Brand, Name = "Leer", ConsentText = "Ja." });
        await kit.Import.ImportAsync("E-Mail\nanna@example.test\n", new ImportOptions(AudienceKit.Brand, "SWS", used, "a.csv", ImportConsentMode.DocumentedElsewhere, "Karte"));

        (await lists.DeleteOrArchiveAsync(used)).ShouldBeFalse();
        (await lists.DeleteOrArchiveAsync(empty)).ShouldBeTrue();

        await using (var db = kit.Db())
        {
            (await db.Lists.SingleAsync()).Archived.ShouldBeTrue();
            (await db.Subscriptions.CountAsync()).ShouldBe(1);
        }
        (await Should.ThrowAsync<DomainException>(() => lists.SaveAsync(new MailingList { BrandId = AudienceKit.Brand, Name = " ", ConsentText = "x" }))).Field.ShouldBe("Name");
        (await Should.ThrowAsync<DomainException>(() => lists.SaveAsync(new MailingList { BrandId = AudienceKit.Brand, Name = "Ohne Text" }))).Field.ShouldBe("ConsentText");
        (await Should.ThrowAsync<DomainException>(() => lists.SaveAsync(new MailingList { BrandId = AudienceKit.Brand, Name = "Benutzt", ConsentText = "x" }))).Field.ShouldBe("Name");
    }
}
