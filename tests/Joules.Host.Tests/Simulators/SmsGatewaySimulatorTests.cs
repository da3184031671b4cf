using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Joules.Host.Tests.Plugins;
using Joules.Simulators;
using Joules.Simulators.Sms;

namespace Joules.Host.Tests.Simulators;

/// <summary>The SMS gateway simulator over real HTTP: authentication, validation, the documented number rules and the
/// signed delivery reports.</summary>
public sealed class SmsGatewaySimulatorTests : IAsyncLifetime
{
    private const string Key = SmsGatewaySimulatorOptions.DemoApiKey;
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);
    private SimulatorServer _server = null!;
    private CallbackReceiver _callbacks = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        _server = await SimulatorServer.StartAsync(0);
        _callbacks = await CallbackReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _callbacks.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Accepts_a_valid_message_and_lists_it()
    {
        var response = await SendAsync(new { from = "Stadtwerk", to = "+4917112345678", text = "Hallo Welt", reference = "ref-1" });

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = answer.GetProperty("id").GetString().ShouldNotBeNull();
        answer.GetProperty("segments").GetInt32().ShouldBe(1);
        answer.GetProperty("encoding").GetString().ShouldBe("GSM-7");

        var list = await _http.GetFromJsonAsync<JsonElement>(new Uri(_server.BaseUrl, "sms/v1/messages"));
        var listed = list.EnumerateArray().Single(m => m.GetProperty("id").GetString() == id);
        listed.GetProperty("to").GetString().ShouldBe("+4917112345678");
        listed.GetProperty("from").GetString().ShouldBe("Stadtwerk");
        listed.GetProperty("reference").GetString().ShouldBe("ref-1");
    }

    [Fact]
    public async Task Counts_segments_and_switches_to_UCS2_for_emoji()
    {
        var response = await SendAsync(new { from = "Stadtwerk", to = "+4917112345678", text = new string('a', 100) + "😀", reference = "ref-2" });

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        answer.GetProperty("encoding").GetString().ShouldBe("UCS-2");
        answer.GetProperty("segments").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Refuses_a_wrong_api_key_with_401()
    {
        var response = await SendAsync(new { from = "Stadtwerk", to = "+4917112345678", text = "x", reference = "r" }, key: "wrong");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        _server.Sms.Messages.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("017112345678", "Stadtwerk")]
    [InlineData("+49 171 12345678", "Stadtwerk")]
    [InlineData("+4917112345678", "AB")]
    [InlineData("+4917112345678", "Stadtwerke-Sonnental")]
    [InlineData("+4917112345678", "1234567890123456")]
    public async Task Refuses_non_E164_numbers_and_invalid_sender_ids_with_400(string to, string from)
    {
        var response = await SendAsync(new { from, to, text = "x", reference = "r" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Accepts_a_numeric_sender_id_of_15_digits()
    {
        var response = await SendAsync(new { from = "491711234567890", to = "+4917112345678", text = "x", reference = "r" });
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Number_ending_0000_is_an_unknown_number()
    {
        var response = await SendAsync(new { from = "Stadtwerk", to = "+4917112340000", text = "x", reference = "r" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().ShouldBe("unknown number");
    }

    [Fact]
    public async Task Number_ending_0500_is_a_server_error()
    {
        var response = await SendAsync(new { from = "Stadtwerk", to = "+4917112340500", text = "x", reference = "r" });
        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
    }

    [Fact]
    public async Task Number_ending_0408_does_not_answer_within_a_client_timeout()
    {
        using var impatient = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        await Should.ThrowAsync<TaskCanceledException>(() => SendAsync(new { from = "Stadtwerk", to = "+4917112340408", text = "x", reference = "r" }, client: impatient));
    }

    [Fact]
    public async Task Posts_a_signed_delivered_report_to_the_callback()
    {
        var response = await SendAsync(new { from = "Stadtwerk", to = "+4917112345678", text = "x", reference = "r", callbackUrl = _callbacks.Url });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        (await PluginHost.WaitUntilAsync(() => !_callbacks.Posts.IsEmpty, Within)).ShouldBeTrue("no delivery report arrived");
        var post = _callbacks.Posts.Single();
        var report = JsonDocument.Parse(post.Body).RootElement;
        report.GetProperty("id").GetString().ShouldBe(id);
        report.GetProperty("status").GetString().ShouldBe("delivered");
        report.TryGetProperty("at", out _).ShouldBeTrue();
        post.Signature.ShouldBe(SmsGatewaySimulator.Sign(Encoding.UTF8.GetBytes(post.Body), Key));
        post.Signature.ShouldNotBe(SmsGatewaySimulator.Sign(Encoding.UTF8.GetBytes(post.Body), "another key"));
    }

    [Fact]
    public async Task Number_ending_0999_is_accepted_but_reported_undeliverable()
    {
        var response = await SendAsync(new { from = "Stadtwerk", to = "+4917112340999", text = "x", reference = "r", callbackUrl = _callbacks.Url });
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);

        (await PluginHost.WaitUntilAsync(() => !_callbacks.Posts.IsEmpty, Within)).ShouldBeTrue("no delivery report arrived");
        JsonDocument.Parse(_callbacks.Posts.Single().Body).RootElement.GetProperty("status").GetString().ShouldBe("undeliverable");
        _server.Sms.Messages.Single().Status.ShouldBe("undeliverable");
    }

    private async Task<HttpResponseMessage> SendAsync(object body, string key = Key, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.BaseUrl, "sms/v1/messages")) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await (client ?? _http).SendAsync(request);
    }
}
