using Joules.Core.Events;
using Joules.Core.Messaging.Templates;
using Shouldly;

namespace Joules.Core.Tests.Messaging.Templates;

public sealed class TemplateCatalogueTests
{
    [Fact]
    public void Keys_of_a_changing_source_appear_and_go_when_its_version_changes()
    {
        var plugin = new ChangingSource();
        var catalogue = new MessageTemplateCatalogue([new MessageTemplateKeys(), plugin]);
        catalogue.Find("acme.thing-happened").ShouldBeNull();

        plugin.Add(new MessageTemplateKey("acme.thing-happened", "Etwas geschah", "Something happened", [],
            new Dictionary<string, BuiltInTemplate> { ["de"] = new("Betreff", null, "Text") }) { IsEvent = true });

        catalogue.Find("acme.thing-happened").ShouldNotBeNull();
        catalogue.Events.Select(k => k.Key).ShouldContain("acme.thing-happened");
        plugin.Clear();
        catalogue.Find("acme.thing-happened").ShouldBeNull();
    }

    [Fact]
    public void Core_event_keys_are_events_and_a_notifiable_plugin_event_gets_its_key_subject_and_variables()
    {
        var catalogue = new MessageTemplateCatalogue([new MessageTemplateKeys()]);
        catalogue.Events.Count.ShouldBe(7);

        var contractId = Guid.NewGuid();
        var e = new ThingHappened(contractId, Guid.NewGuid(), "blau");
        MessageTemplateKeys.ForEvent(e).ShouldBe("acme.thing-happened");
        MessageTemplateKeys.SubjectOf(e).ContractId.ShouldBe(contractId);
        MessageTemplateKeys.ModelFor(e)["thing.colour"].ShouldBe("blau");
    }

    private sealed record ThingHappened(Guid ContractId, Guid? BrandId, string Colour) : INotifiableEvent
    {
        public string TemplateKey => "acme.thing-happened";
        public NotificationSubject Subject => new(ContractId);
        public void AddVariables(IDictionary<string, object?> model, System.Globalization.CultureInfo culture) => model["thing.colour"] = Colour;
    }

    private sealed class ChangingSource : IChangingMessageTemplateKeySource
    {
        private readonly List<MessageTemplateKey> _keys = [];
        public long Version { get; private set; }
        public IEnumerable<MessageTemplateKey> Keys => _keys;
        public void Add(MessageTemplateKey key) { _keys.Add(key); Version++; }
        public void Clear() { _keys.Clear(); Version++; }
    }
}
