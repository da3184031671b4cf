using System.Globalization;
using Joules.Core.Messaging.Templates;
using Shouldly;

namespace Joules.Core.Tests.Messaging.Templates;

public sealed class TemplateValidatorTests
{
    private readonly TemplateValidator _validator = new(new MessageTemplateCatalogue([new MessageTemplateKeys()]));

    public TemplateValidatorTests() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");

    [Fact]
    public void Syntax_errors_are_reported_per_part_with_line_and_column()
    {
        var result = _validator.Validate(MessageTemplateKeys.ContractCreated, "Vertrag {{ contract.number }}", "<p>\n  {% if contract.number %}\n</p>", "Text {{ contract.number | }}");

        result.IsValid.ShouldBeFalse();
        var html = result.Errors.Single(e => e.Part == "Html");
        html.Line.ShouldBe(3);
        html.Message.ShouldContain("Zeile 3, Spalte");
        var text = result.Errors.Single(e => e.Part == "Text");
        text.Line.ShouldBe(1);
        text.Column.ShouldNotBeNull();
        result.Errors.ShouldNotContain(e => e.Part == "Subject");
    }

    [Fact]
    public void Unknown_variable_is_a_warning_not_an_error()
    {
        var result = _validator.Validate(MessageTemplateKeys.ContractStatusChanged, "{{ contract.number }} {{ contract.nummer }}",
            "{% for s in contract.status %}{{ s }}{{ forloop.index }}{% endfor %}{% assign n = brand.name %}{{ n }}{% if customer %}{{ customer.name | upcase }}{% endif %}",
            "{{ contract.number.size }} {{ tarif.name }}");

        result.IsValid.ShouldBeTrue();
        result.Warnings.Select(w => w.Variable).ShouldBe(["contract.nummer", "tarif.name"], ignoreOrder: true);
        result.Warnings.First().Message.ShouldContain("nicht bekannt");
    }

    [Fact]
    public void Every_core_event_has_a_key_and_every_built_in_template_is_valid_and_uses_known_variables()
    {
        var keys = new MessageTemplateKeys().Keys.ToList();
        var eventTypes = typeof(Joules.Core.Events.ContractCreated).Assembly.GetTypes()
            .Where(t => t.Namespace == "Joules.Core.Events" && typeof(Joules.Core.Events.IDomainEvent).IsAssignableFrom(t) && !t.IsInterface && !t.IsAbstract && t.IsPublic).ToList();
        eventTypes.Count.ShouldBe(7);
        keys.Count.ShouldBe(7);
        foreach (var key in keys)
            foreach (var (language, template) in key.Defaults)
            {
                var result = _validator.Validate(key.Key, template.Subject, template.Html, template.Text);
                result.Issues.ShouldBeEmpty($"{key.Key}/{language}");
            }
    }
}
