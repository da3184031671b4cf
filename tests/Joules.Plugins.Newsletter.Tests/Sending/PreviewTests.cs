using Joules.Core.Domain.Common;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Shared;
using Joules.Plugins.Newsletter.Tests.Sending.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Plugins.Newsletter.Tests.Sending;

public class PreviewTests
{
    [Fact]
    public async Task Preview_renders_sample_data_with_untracked_links_footer_and_no_pixel()
    {
        await using var f = await SendingFixture.CreateAsync();
        Campaign campaign;
        await using (var db = await f.Contexts.CreateDbContextAsync())
        {
            var list = await SendingData.ListAsync(db);
            campaign = await SendingData.CampaignAsync(db, list);
        }

        var mail = await f.WithScopeAsync(sp => sp.GetRequiredService<ICampaignPreview>().RenderAsync(campaign, 0, null));

        mail.Subject.ShouldBe("Neuigkeiten für Erika");
        mail.Html.ShouldContain("Hallo Erika!");
        mail.Html.ShouldContain("Stadtwerke Sonnental");
        mail.Html.ShouldContain("href=\"https://www.example.test/tarife?x=1&amp;y=2\"");
        mail.Html.ShouldNotContain("/plugins/joules.newsletter/c/");
        mail.Html.ShouldNotContain("/plugins/joules.newsletter/o/");
        mail.Html.ShouldContain("Vom Newsletter abmelden");
        mail.Text.ShouldContain("Hallo Erika");
    }

    [Fact]
    public async Task Preview_with_a_chosen_subscriber_uses_their_data_and_attributes()
    {
        await using var f = await SendingFixture.CreateAsync();
        Campaign campaign;
        List<Subscriber> subscribers;
        await using (var db = await f.Contexts.CreateDbContextAsync())
        {
            var list = await SendingData.ListAsync(db);
            subscribers = await SendingData.SubscribersAsync(db, list, 3);
            campaign = await SendingData.CampaignAsync(db, list, c => c.TextBody = "{{ subscriber.first_name }} hat {{ subscriber.tarif }} ({{ subscriber.attributes.tarif }})");
        }

        var mail = await f.WithScopeAsync(sp => sp.GetRequiredService<ICampaignPreview>().RenderAsync(campaign, 0, subscribers[1].Id));

        mail.Subject.ShouldBe("Neuigkeiten für Vorname2");
        mail.Text.ShouldStartWith("Vorname2 hat Öko Plus (Öko Plus)");
    }

    [Fact]
    public async Task Liquid_error_names_part_line_and_column()
    {
        await using var f = await SendingFixture.CreateAsync();
        Campaign campaign;
        await using (var db = await f.Contexts.CreateDbContextAsync())
        {
            var list = await SendingData.ListAsync(db);
            await SendingData.SubscribersAsync(db, list, 1);
            campaign = await SendingData.CampaignAsync(db, list, c => c.HtmlBody = "<p>Hallo</p>\n<p>{% if subscriber.city %}Sonnental</p>");
        }

        var error = await Should.ThrowAsync<DomainException>(() => f.WithScopeAsync(sp => sp.GetRequiredService<ICampaignPreview>().RenderAsync(campaign, 0, null)));
        error.Field.ShouldBe("Html");
        error.Message.ShouldContain("Zeile");
        // Sending refuses it too, before anything is sent.
        await Should.ThrowAsync<DomainException>(() => f.WithScopeAsync(sp => sp.GetRequiredService<ICampaignCommands>().SendNowAsync(campaign.Id)));
        await using var check = await f.Contexts.CreateDbContextAsync();
        (await check.Campaigns.Where(c => c.Id == campaign.Id).Select(c => c.Status).SingleAsync()).ShouldBe(CampaignStatus.Draft);
    }

    [Fact]
    public async Task Test_send_arrives_with_TEST_prefix_and_sample_data()
    {
        await using var f = await SendingFixture.CreateAsync();
        Campaign campaign;
        await using (var db = await f.Contexts.CreateDbContextAsync())
        {
            var list = await SendingData.ListAsync(db);
            campaign = await SendingData.CampaignAsync(db, list, c => { c.FromName = "Sonnental Energie"; c.FromAddress = "info@sonnental.test"; });
        }

        await f.WithScopeAsync(sp => sp.GetRequiredService<ICampaignPreview>().SendTestAsync(campaign, 0, "redaktion@example.test"));
        await Should.ThrowAsync<DomainException>(() => f.WithScopeAsync(sp => sp.GetRequiredService<ICampaignPreview>().SendTestAsync(campaign, 0, "keine-adresse")));

        var message = f.Sink.Messages().Single();
        message.Subject.ShouldBe("[TEST] Neuigkeiten für Erika");
        message.To.Mailboxes.Single().Address.ShouldBe("redaktion@example.test");
        message.From.Mailboxes.Single().ShouldSatisfyAllConditions(m => m.Address.ShouldBe("info@sonnental.test"), m => m.Name.ShouldBe("Sonnental Energie"));
        message.MessageId.ShouldEndWith("@sonnental.test");
    }

    [Fact]
    public async Task Existing_customer_lists_carry_the_objection_notice_imprint_and_mailto_unsubscribe()
    {
        await using var f = await SendingFixture.CreateAsync();
        Campaign campaign;
        await using (var db = await f.Contexts.CreateDbContextAsync())
        {
            var list = await SendingData.ListAsync(db, ListLegalBasis.ExistingCustomer, "Kundeninfo");
            await SendingData.SubscribersAsync(db, list, 1);
            db.Settings.Add(new NewsletterSettings
            {
                BrandId = SendingFixture.BrandId, FooterImprint = "Stadtwerke Sonnental GmbH\nAm Markt 1, 12345 Sonnental",
                UnsubscribeMailbox = "abmelden@sonnental.test",
            });
            await db.SaveChangesAsync();
            campaign = await SendingData.CampaignAsync(db, list);
        }

        await f.SendCampaignAsync(campaign.Id);

        var message = f.Sink.Messages().Single();
        message.HtmlBody.ShouldNotBeNull().ShouldContain("§ 7 Abs. 3 UWG");
        message.HtmlBody.ShouldContain("Stadtwerke Sonnental GmbH<br>Am Markt 1");
        message.TextBody.ShouldNotBeNull().ShouldContain("§ 7 Abs. 3 UWG");
        message.Headers["List-Unsubscribe"].ShouldNotBeNull().ShouldContain("<mailto:abmelden@sonnental.test?subject=unsubscribe>");
    }

    [Fact]
    public async Task A_template_with_its_own_unsubscribe_link_gets_no_second_footer()
    {
        await using var f = await SendingFixture.CreateAsync();
        Campaign campaign;
        await using (var db = await f.Contexts.CreateDbContextAsync())
        {
            var list = await SendingData.ListAsync(db);
            campaign = await SendingData.CampaignAsync(db, list, c =>
            {
                c.HtmlBody = "<html><body><p>Hallo</p><a href=\"{{ unsubscribe_url }}\">Hier abmelden</a></body></html>";
                c.TextBody = "Hallo. Abmelden: {{ unsubscribe_url }}";
            });
        }

        var mail = await f.WithScopeAsync(sp => sp.GetRequiredService<ICampaignPreview>().RenderAsync(campaign, 0, null));

        mail.Html.ShouldNotContain("Vom Newsletter abmelden");
        mail.Html.ShouldContain($"href=\"{SendingFixture.BaseUrl}/plugins/joules.newsletter/u/");
        mail.Text.ShouldNotContain("Vom Newsletter abmelden");
    }
}
