using System.Globalization;
using Joules.Core.Messaging.Templates;
using Shouldly;

namespace Joules.Core.Tests.Messaging.Templates;

public sealed class TemplateRendererTests
{
    private readonly TemplateRenderer _renderer = new();

    public TemplateRendererTests() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");

    private static Dictionary<string, object?> Model(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    [Fact]
    public async Task Renders_subject_html_and_text_and_escapes_variables_in_the_html_part_only()
    {
        var model = Model(("contract.number", "V-1"), ("customer.name", "Müller & <Söhne>"), ("brand.name", "Stadtwerke"));

        var result = await _renderer.RenderAsync("Vertrag {{ contract.number }} für {{ customer.name }}\n", "<p>Hallo {{ customer.name }}, {{ contract.number }}</p>",
            "Hallo {{ customer.name }} von {{ brand.name }}", model);

        result.Subject.ShouldBe("Vertrag V-1 für Müller & <Söhne>");
        result.Html.ShouldBe("<p>Hallo Müller &amp; &lt;Söhne&gt;, V-1</p>");
        result.Html!.ShouldNotContain("<Söhne>");
        result.Text.ShouldBe("Hallo Müller & <Söhne> von Stadtwerke");
    }

    [Fact]
    public async Task Rendering_again_with_other_values_or_other_text_gives_the_new_result()
    {
        var first = await _renderer.RenderAsync("Nr. {{ n }}", "<p>{{ n }}</p>", "{{ n }}", Model(("n", "1")));
        var second = await _renderer.RenderAsync("Nr. {{ n }}", "<p>{{ n }}</p>", "{{ n }}", Model(("n", "2")));
        var changed = await _renderer.RenderAsync("Nummer {{ n }}", "<b>{{ n }}</b>", "n={{ n }}", Model(("n", "3")));

        (first.Subject, first.Html, first.Text).ShouldBe(("Nr. 1", "<p>1</p>", "1"));
        (second.Subject, second.Html, second.Text).ShouldBe(("Nr. 2", "<p>2</p>", "2"));
        (changed.Subject, changed.Html, changed.Text).ShouldBe(("Nummer 3", "<b>3</b>", "n=3"));
    }

    [Fact]
    public async Task An_assign_in_one_part_does_not_leak_into_the_next_part_or_the_next_message()
    {
        var result = await _renderer.RenderAsync("{% assign n = 'x' %}{{ n }}", "<p>{{ n }}</p>", "{{ n }}", Model(("n", "1")));
        var next = await _renderer.RenderAsync("{{ n }}", null, "{{ n }}", Model(("n", "2")));

        (result.Subject, result.Html, result.Text).ShouldBe(("x", "<p>1</p>", "1"));
        (next.Subject, next.Text).ShouldBe(("2", "2"));
    }

    [Fact]
    public async Task Subject_is_made_a_single_line()
    {
        var result = await _renderer.RenderAsync("A\n{{ x }}\r\nB", null, "t", Model(("x", "1")));
        result.Subject.ShouldBe("A 1 B");
        result.Html.ShouldBeNull();
    }

    [Fact]
    public async Task A_huge_loop_is_stopped_by_the_step_limit()
    {
        var e = await Should.ThrowAsync<TemplateRenderException>(() =>
            _renderer.RenderAsync("s", null, "{% for i in (1..10000) %}{% for j in (1..10000) %}x{% endfor %}{% endfor %}", Model()));
        e.Field.ShouldBe("Text");
        e.Message.ShouldContain("mehr als 50000 Schritte");
    }

    [Fact]
    public async Task A_range_of_a_hundred_million_is_refused_before_it_is_built()
    {
        var e = await Should.ThrowAsync<TemplateRenderException>(() =>
            _renderer.RenderAsync("s", null, "{% for i in (1..100000000) %}x{% endfor %}", Model()));
        e.Field.ShouldBe("Text");
        e.Message.ShouldContain("höchstens 50000 Elemente");

        var computed = await Should.ThrowAsync<TemplateRenderException>(() =>
            _renderer.RenderAsync("s", null, "{% assign n = 100000000 %}{% for i in (1..n) %}x{% endfor %}", Model()));
        computed.Message.ShouldContain("festen Zahlen");
    }

    [Fact]
    public async Task Work_without_output_is_stopped_by_the_deadline()
    {
        var renderer = new TemplateRenderer(new TemplateRenderLimits { Deadline = TimeSpan.Zero });
        var e = await Should.ThrowAsync<TemplateRenderException>(() =>
            renderer.RenderAsync("s", null, "{% for i in (1..100) %}{% assign x = 'abc' | upcase %}{% endfor %}", Model()));
        e.Message.ShouldContain("länger als 0 Sekunden");
    }

    [Fact]
    public async Task Include_and_render_are_refused()
    {
        var e = await Should.ThrowAsync<TemplateRenderException>(() => _renderer.RenderAsync("s", null, "{% include 'appsettings.json' %}", Model()));
        e.Message.ShouldContain("nicht erlaubt");
    }

    [Fact]
    public async Task Huge_output_is_stopped_by_the_size_cap()
    {
        var renderer = new TemplateRenderer(new TemplateRenderLimits { MaxSteps = 1_000_000 });
        var e = await Should.ThrowAsync<TemplateRenderException>(() =>
            renderer.RenderAsync("s", "{% for i in (1..200000) %}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}", "t", Model()));
        e.Field.ShouldBe("Html");
        e.Message.ShouldContain("512 KB");
    }

    [Fact]
    public async Task A_doubling_assign_is_stopped_before_it_eats_the_memory()
    {
        var e = await Should.ThrowAsync<TemplateRenderException>(() =>
            _renderer.RenderAsync("s", null, "{% assign x = 'xxxxxxxx' %}{% for i in (1..200) %}{% assign x = x | append: x %}{% endfor %}{{ x | size }}", Model()));
        e.Message.ShouldContain("KB");
    }

    [Fact]
    public async Task Only_the_model_is_reachable_nothing_outside()
    {
        var model = Model(("contract.number", "V-1"), ("obj", new Secret()));
        var result = await _renderer.RenderAsync("s", null,
            "[{{ obj.Password }}][{{ obj }}][{{ contract.number.GetType }}][{{ environment }}]", model);
        result.Text.ShouldNotContain("geheim");
        result.Text.ShouldBe("[][Secret object][][]");
    }

    [Fact]
    public async Task A_syntax_error_at_render_time_names_the_part_and_position()
    {
        var e = await Should.ThrowAsync<TemplateRenderException>(() => _renderer.RenderAsync("s", null, "Zeile 1\nZeile 2 {{ x }", Model()));
        e.Message.ShouldContain("Zeile 2, Spalte");
        e.Field.ShouldBe("Text");
    }

    private sealed class Secret
    {
        public string Password => "geheim";
        public override string ToString() => "Secret object";
    }
}
