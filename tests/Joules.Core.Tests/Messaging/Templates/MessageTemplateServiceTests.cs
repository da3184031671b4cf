using System.Globalization;
using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Messaging.Templates;
using Joules.Core.Tenancy;
using Joules.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;

namespace Joules.Core.Tests.Messaging.Templates;

public sealed class MessageTemplateServiceTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private MessageTemplateService _service = null!;
    private Guid _brand;

    public MessageTemplateServiceTests() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");

    public async Task InitializeAsync()
    {
        await _database.MigrateAsync();
        _brand = (await _database.AddBrandAsync("SWM", "Stadtwerke Musterstadt")).Id;
        var catalogue = new MessageTemplateCatalogue([new MessageTemplateKeys()]);
        _service = new MessageTemplateService(new Factory(_database, new SystemUser("e.editor")), catalogue, new TemplateValidator(catalogue), new TemplateRenderer());
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_template_with_a_syntax_error_cannot_be_saved_and_the_message_names_line_and_column()
    {
        var e = await Should.ThrowAsync<DomainException>(() => _service.SaveAsync(_brand, MessageTemplateKeys.ContractCreated, "de", "Bestätigung",
            "Vertrag {{ contract.number }}", null, "Hallo\n{% if customer.name %}ohne Ende"));

        e.Message.ShouldContain("Zeile 2, Spalte");
        e.Field.ShouldBe("Text");
        (await _service.VersionsAsync(_brand, MessageTemplateKeys.ContractCreated, "de")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Saving_twice_writes_versions_1_and_2_and_leaves_the_old_one_unchanged()
    {
        var first = await _service.SaveAsync(_brand, MessageTemplateKeys.ContractCreated, "de", "Bestätigung", "Alt {{ contract.number }}", null, "alt");
        var second = await _service.SaveAsync(_brand, MessageTemplateKeys.ContractCreated, "de", "Bestätigung", "Neu {{ contract.number }}", "<p>neu</p>", "neu {{ unbekannt }}");

        first.Version.ShouldBe(1);
        second.Version.ShouldBe(2);
        second.CreatedBy.ShouldBe("e.editor");
        var current = await _service.CurrentAsync(_brand, MessageTemplateKeys.ContractCreated, "de");
        current.Version.ShouldBe(2);
        current.TemplateId.ShouldBe(second.Id);
        var versions = await _service.VersionsAsync(_brand, MessageTemplateKeys.ContractCreated, "de");
        versions.Select(v => v.Version).ShouldBe([2, 1]);
        versions[1].Subject.ShouldBe("Alt {{ contract.number }}");
        versions[1].Text.ShouldBe("alt");

        var rendered = await _service.RenderAsync(current, new Dictionary<string, object?> { ["contract.number"] = "V-9" });
        rendered.Subject.ShouldBe("Neu V-9");
        rendered.Version.ShouldBe(2);
        rendered.TemplateId.ShouldBe(second.Id);
    }

    [Fact]
    public async Task A_new_version_is_rendered_at_once_not_the_cached_older_one()
    {
        var model = new Dictionary<string, object?> { ["contract.number"] = "V-7" };
        await _service.SaveAsync(_brand, MessageTemplateKeys.ContractCreated, "de", "Bestätigung", "Alt {{ contract.number }}", "<p>alt {{ contract.number }}</p>", "alt {{ contract.number }}");
        var first = await _service.RenderAsync(await _service.CurrentAsync(_brand, MessageTemplateKeys.ContractCreated, "de"), model);
        (await _service.RenderAsync(await _service.CurrentAsync(_brand, MessageTemplateKeys.ContractCreated, "de"), model)).Subject.ShouldBe("Alt V-7");

        var second = await _service.SaveAsync(_brand, MessageTemplateKeys.ContractCreated, "de", "Bestätigung", "Neu {{ contract.number }}", "<p>neu {{ contract.number }}</p>", "neu {{ contract.number }}");
        var rendered = await _service.RenderAsync(await _service.CurrentAsync(_brand, MessageTemplateKeys.ContractCreated, "de"), model);

        first.Version.ShouldBe(1);
        rendered.Version.ShouldBe(2);
        rendered.TemplateId.ShouldBe(second.Id);
        rendered.Subject.ShouldBe("Neu V-7");
        rendered.Html.ShouldBe("<p>neu V-7</p>");
        rendered.Text.ShouldBe("neu V-7");
        // The old version still renders its own text (a resend names the version it came from).
        var old = (await _service.VersionsAsync(_brand, MessageTemplateKeys.ContractCreated, "de")).Single(v => v.Version == 1);
        (await _service.RenderAsync(old, model)).Subject.ShouldBe("Alt V-7");
    }

    [Fact]
    public async Task A_saved_version_with_a_changed_part_renders_that_part_while_the_unchanged_parts_stay_the_same()
    {
        var model = new Dictionary<string, object?> { ["contract.number"] = "V-8" };
        await _service.SaveAsync(_brand, MessageTemplateKeys.ContractCreated, "en", "Confirmation", "Contract {{ contract.number }}", null, "Text one");
        (await _service.RenderAsync(await _service.CurrentAsync(_brand, MessageTemplateKeys.ContractCreated, "en"), model)).Text.ShouldBe("Text one");

        await _service.SaveAsync(_brand, MessageTemplateKeys.ContractCreated, "en", "Confirmation", "Contract {{ contract.number }}", null, "Text two {{ contract.number }}");
        var rendered = await _service.RenderAsync(await _service.CurrentAsync(_brand, MessageTemplateKeys.ContractCreated, "en"), model);

        rendered.Subject.ShouldBe("Contract V-8");
        rendered.Text.ShouldBe("Text two V-8");
        rendered.Version.ShouldBe(2);
    }

    [Fact]
    public async Task Falls_back_to_German_and_then_to_the_built_in_template()
    {
        var builtIn = await _service.CurrentAsync(_brand, MessageTemplateKeys.ContractStatusChanged, "en");
        builtIn.IsBuiltIn.ShouldBeTrue();
        builtIn.Version.ShouldBe(0);
        builtIn.Subject.ShouldStartWith("Contract ");

        await _service.SaveAsync(_brand, MessageTemplateKeys.ContractStatusChanged, "de", "Status", "Status {{ contract.status }}", null, "Text");
        var german = await _service.CurrentAsync(_brand, MessageTemplateKeys.ContractStatusChanged, "en");
        german.IsBuiltIn.ShouldBeFalse();
        german.Language.ShouldBe("de");
        german.Version.ShouldBe(1);

        var otherBrand = (await _database.AddBrandAsync("OTH", "Andere")).Id;
        var other = await _service.CurrentAsync(otherBrand, MessageTemplateKeys.ContractStatusChanged, "de");
        other.IsBuiltIn.ShouldBeTrue();
        other.Subject.ShouldStartWith("Vertrag ");
    }

    [Fact]
    public async Task Renders_a_core_event_with_its_key_and_model()
    {
        var e = new Joules.Core.Events.ContractStatusChanged(Guid.NewGuid(), _brand, "V-77", Joules.Core.Domain.Contracts.ContractStatus.Captured,
            Joules.Core.Domain.Contracts.ContractStatus.Captured, "m.meier", "Kunde <b>wünscht</b> es", null);
        var key = MessageTemplateKeys.ForEvent(e)!;
        var model = MessageTemplateKeys.ModelFor(e);
        model["brand.name"] = "Stadtwerke";
        model["recipient.name"] = "Erika";

        var rendered = await _service.RenderAsync(await _service.CurrentAsync(_brand, key, "de"), model);

        rendered.Subject.ShouldStartWith("Vertrag V-77: ");
        rendered.Text.ShouldContain("Begründung: Kunde <b>wünscht</b> es");
        rendered.Html!.ShouldContain("Kunde &lt;b&gt;");
        rendered.TemplateId.ShouldBeNull();
    }

    [Fact]
    public async Task Preview_uses_the_catalogue_sample_values()
    {
        var preview = await _service.PreviewAsync(MessageTemplateKeys.ContractCreated, "{{ contract.number }}", "<b>{{ customer.name }}</b>", "{{ brand.name }}");
        preview.Subject.ShouldBe("V-2026-000123");
        preview.Html.ShouldBe("<b>Max Mustermann</b>");
        preview.Text.ShouldBe("Stadtwerke Musterstadt");
    }

    private sealed class Factory(SqliteTestDatabase database, ICurrentUser user) : IDbContextFactory<JoulesDbContext>
    {
        public JoulesDbContext CreateDbContext() => database.Context(user);
    }
}
