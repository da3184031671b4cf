using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Tracking;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.Newsletter.Tests.Tracking;

public class ClickEndpointTests
{
    private static readonly string[] Links = ["https://www.stadtwerke-sonnental.de/herbst", "https://www.stadtwerke-sonnental.de/waermepumpe?src=nl"];

    private static async Task<HttpContext> ClickAsync(TrackingKit kit, string token, string method = "GET", string userAgent = Browser)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = NewsletterUrls.EndpointRoot + "/c/" + token;
        context.Request.Headers.UserAgent = userAgent;
        await kit.Endpoints.ClickAsync(context);
        return context;
    }

    private const string Browser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

    private static async Task<long> EventCountAsync(TrackingKit kit)
    {
        await kit.Writer.FlushAsync();
        await using var db = await kit.Database.Contexts.CreateDbContextAsync();
        return await db.TrackingEvents.LongCountAsync();
    }

    [Fact]
    public async Task Valid_click_token_redirects_exactly_to_that_mails_link_and_records_the_click()
    {
        await using var kit = await TrackingKit.CreateAsync();
        var campaign = await kit.AddCampaignAsync(Links, ["https://www.stadtwerke-sonnental.de/b-variante"]);

        var a = await ClickAsync(kit, kit.Signer.Create(new TrackingToken(TokenPurpose.Click, campaign, 42, 0, 1)));
        var b = await ClickAsync(kit, kit.Signer.Create(new TrackingToken(TokenPurpose.Click, campaign, 43, 1, 0)));

        a.Response.StatusCode.ShouldBe(302);
        a.Response.Headers.Location.ToString().ShouldBe(Links[1]);
        b.Response.StatusCode.ShouldBe(302);
        b.Response.Headers.Location.ToString().ShouldBe("https://www.stadtwerke-sonnental.de/b-variante");
        await kit.Writer.FlushAsync();
        await using var db = await kit.Database.Contexts.CreateDbContextAsync();
        var events = await db.TrackingEvents.OrderBy(e => e.SubscriberId).ToListAsync();
        events.Count.ShouldBe(2);
        events[0].ShouldSatisfyAllConditions(
            e => e.CampaignId.ShouldBe(campaign), e => e.SubscriberId.ShouldBe(42), e => e.Kind.ShouldBe(TrackingKind.Click),
            e => e.LinkIndex.ShouldBe(1), e => e.Machine.ShouldBeFalse(), e => e.BrandId.ShouldBe(TrackingKit.Brand));
        events[1].Variant.ShouldBe((byte)1);
    }

    [Fact]
    public async Task Forged_altered_truncated_and_wrong_purpose_tokens_get_404_without_location_and_record_nothing()
    {
        await using var kit = await TrackingKit.CreateAsync();
        var campaign = await kit.AddCampaignAsync(Links);
        var valid = kit.Signer.Create(new TrackingToken(TokenPurpose.Click, campaign, 42, 0, 0));
        var altered = valid[..10] + (valid[10] == 'A' ? 'B' : 'A') + valid[11..];
        await using var other = await NewsletterTestDatabase.CreateAsync();
        var forged = (await other.SignerAsync()).Create(new TrackingToken(TokenPurpose.Click, campaign, 42, 0, 0));
        string[] bad =
        [
            altered,
            valid[..^1],
            valid + "A",
            forged,
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            kit.Signer.Create(new TrackingToken(TokenPurpose.Unsubscribe, campaign, 42)),
            kit.Signer.Create(new TrackingToken(TokenPurpose.Open, campaign, 42)),
            kit.Signer.Create(new TrackingToken(TokenPurpose.Preferences, campaign, 42)),
        ];

        foreach (var token in bad)
        {
            var context = await ClickAsync(kit, token);
            context.Response.StatusCode.ShouldBe(404, token);
            context.Response.Headers.Location.Count.ShouldBe(0, token);
        }
        (await EventCountAsync(kit)).ShouldBe(0);
    }

    [Fact]
    public async Task Link_index_beyond_the_campaigns_links_or_an_unknown_campaign_gets_404()
    {
        await using var kit = await TrackingKit.CreateAsync();
        var campaign = await kit.AddCampaignAsync(Links);

        var beyond = await ClickAsync(kit, kit.Signer.Create(new TrackingToken(TokenPurpose.Click, campaign, 42, 0, Links.Length)));
        var variantC = await ClickAsync(kit, kit.Signer.Create(new TrackingToken(TokenPurpose.Click, campaign, 42, 2, 0)));
        var beyondB = await ClickAsync(kit, kit.Signer.Create(new TrackingToken(TokenPurpose.Click, campaign, 42, 1, Links.Length)));
        var unknown = await ClickAsync(kit, kit.Signer.Create(new TrackingToken(TokenPurpose.Click, campaign + 1000, 42, 0, 0)));

        foreach (var context in new[] { beyond, variantC, beyondB, unknown })
        {
            context.Response.StatusCode.ShouldBe(404);
            context.Response.Headers.Location.Count.ShouldBe(0);
        }
        (await EventCountAsync(kit)).ShouldBe(0);
    }

    [Fact]
    public async Task Head_requests_and_scanners_redirect_but_count_as_machine()
    {
        await using var kit = await TrackingKit.CreateAsync();
        var campaign = await kit.AddCampaignAsync(Links);
        var token = kit.Signer.Create(new TrackingToken(TokenPurpose.Click, campaign, 42, 0, 0));

        (await ClickAsync(kit, token, "HEAD")).Response.StatusCode.ShouldBe(302);
        (await ClickAsync(kit, token, userAgent: "Mozilla/5.0 (compatible; Proofpoint URL Defense)")).Response.StatusCode.ShouldBe(302);
        (await ClickAsync(kit, token)).Response.StatusCode.ShouldBe(302);

        await kit.Writer.FlushAsync();
        await using var db = await kit.Database.Contexts.CreateDbContextAsync();
        (await db.TrackingEvents.CountAsync(e => e.Machine)).ShouldBe(2);
        var link = await db.LinkStats.SingleAsync();
        link.ShouldSatisfyAllConditions(l => l.Total.ShouldBe(1), l => l.Unique.ShouldBe(1), l => l.Machine.ShouldBe(2));
    }

    [Fact]
    public async Task Open_pixel_is_a_43_byte_uncached_gif_even_for_a_bad_token_which_records_nothing()
    {
        await using var kit = await TrackingKit.CreateAsync();
        var campaign = await kit.AddCampaignAsync(Links);

        async Task<DefaultHttpContext> OpenAsync(string token)
        {
            var context = new DefaultHttpContext();
            context.Request.Method = "GET";
            context.Request.Path = NewsletterUrls.EndpointRoot + "/o/" + token;
            context.Request.Headers.UserAgent = Browser;
            context.Response.Body = new MemoryStream();
            await kit.Endpoints.OpenAsync(context);
            return context;
        }

        var good = await OpenAsync(kit.Signer.Create(new TrackingToken(TokenPurpose.Open, campaign, 7)));
        var bad = await OpenAsync("nonsense");

        foreach (var context in new[] { good, bad })
        {
            context.Response.StatusCode.ShouldBe(200);
            context.Response.ContentType.ShouldBe("image/gif");
            context.Response.Headers.CacheControl.ToString().ShouldContain("no-store");
            ((MemoryStream)context.Response.Body).ToArray().Length.ShouldBe(43);
        }
        ((MemoryStream)good.Response.Body).ToArray()[..6].ShouldBe("GIF89a"u8.ToArray());
        (await EventCountAsync(kit)).ShouldBe(1);
    }
}
