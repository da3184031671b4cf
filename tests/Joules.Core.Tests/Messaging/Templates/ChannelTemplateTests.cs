using System.Globalization;
using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Templates;
using Joules.Core.Tenancy;
using Joules.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;

namespace Joules.Core.Tests.Messaging.Templates;

public sealed class ChannelTemplateTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private MessageTemplateService _service = null!;
    private Guid _brand;

    public ChannelTemplateTests() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");

    public async Task InitializeAsync()
    {
        await _database.MigrateAsync();
        _brand = (await _database.AddBrandAsync("SWM", "Stadtwerke Musterstadt")).Id;
        var catalogue = new MessageTemplateCatalogue([new MessageTemplateKeys()]);
        _service = new MessageTemplateService(new Factory(_database), catalogue, new TemplateValidator(catalogue), new TemplateRenderer());
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Versions_are_counted_per_channel_and_a_mail_template_does_not_replace_the_sms_one()
    {
        await _service.SaveAsync(_brand, MessageTemplateKeys.ContractCreated, "de", "Mail", "Vertrag {{ contract.number }}", "<p>x</p>", "Mailtext");
        var sms = await _service.SaveAsync(_brand, MessageTemplateKeys.ContractCreated, "de", "SMS", "", "<p>ignored</p>",
            "Vertrag {{ contract.number }} erfasst", channel: MessageChannel.Sms);

        sms.Version.ShouldBe(1);
        sms.Channel.ShouldBe(MessageChannel.Sms);
        sms.Html.ShouldBeNull();
        var current = await _service.CurrentAsync(_brand, MessageTemplateKeys.ContractCreated, "de", channel: MessageChannel.Sms);
        current.TemplateId.ShouldBe(sms.Id);
        current.Channel.ShouldBe(MessageChannel.Sms);
        (await _service.CurrentAsync(_brand, MessageTemplateKeys.ContractCreated, "de")).Text.ShouldBe("Mailtext");
        (await _service.VersionsAsync(_brand, MessageTemplateKeys.ContractCreated, "de", channel: MessageChannel.Messenger)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Built_in_sms_text_is_the_mail_subject_and_messenger_gets_subject_and_plain_text()
    {
        var sms = await _service.CurrentAsync(_brand, MessageTemplateKeys.ContractStatusChanged, "de", channel: MessageChannel.Sms);
        var messenger = await _service.CurrentAsync(_brand, MessageTemplateKeys.ContractStatusChanged, "de", channel: MessageChannel.Messenger);
        var mail = await _service.CurrentAsync(_brand, MessageTemplateKeys.ContractStatusChanged, "de");

        sms.IsBuiltIn.ShouldBeTrue();
        sms.Text.ShouldBe(mail.Subject);
        sms.Html.ShouldBeNull();
        messenger.Subject.ShouldBe(mail.Subject);
        messenger.Text.ShouldBe(mail.Text);
        messenger.Html.ShouldBeNull();
    }

    [Fact]
    public void An_sms_template_needs_no_subject_but_a_messenger_template_does()
    {
        var catalogue = new MessageTemplateCatalogue([new MessageTemplateKeys()]);
        var validator = new TemplateValidator(catalogue);

        validator.Validate(MessageTemplateKeys.ContractCreated, "", null, "Vertrag {{ contract.number }}", MessageChannel.Sms).IsValid.ShouldBeTrue();
        validator.Validate(MessageTemplateKeys.ContractCreated, "", null, "Vertrag", MessageChannel.Messenger).Errors
            .ShouldContain(i => i.Part == "Subject");
    }

    [Fact]
    public async Task An_sms_template_with_a_syntax_error_is_refused_with_its_position()
    {
        var e = await Should.ThrowAsync<DomainException>(() => _service.SaveAsync(_brand, MessageTemplateKeys.ContractCreated, "de", "SMS", "", null,
            "Vertrag {{ contract.number }", channel: MessageChannel.Sms));

        e.Message.ShouldContain("Zeile 1");
        e.Field.ShouldBe("Text");
    }

    private sealed class Factory(SqliteTestDatabase database) : IDbContextFactory<JoulesDbContext>
    {
        public JoulesDbContext CreateDbContext() => database.Context(new SystemUser("e.editor"));
    }
}
