using System.Globalization;
using Joules.Core.Data;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Identity;
using Joules.Core.Domain.Imports;
using Joules.Core.Domain.Messaging;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Events;
using Joules.Core.Tenancy;
using Joules.Host.Plugins;
using Joules.Host.Plugins.Runtime;
using Joules.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Host.Tests.Plugins;

/// <summary>Recipient kinds, conditions, channels, idempotency per stored event, non-contract and plugin events, and
/// the rule test of the "System messages" plugin, in the same real host.</summary>
public partial class SystemMessagesPluginTests
{
    [Fact]
    public async Task Sales_partner_rule_mails_the_contracts_partner()
    {
        var brandId = await ActiveBrandAsync();
        var partner = await CreatePartnerAsync(brandId, "Vertrieb Süd", "sued@example.de", null);
        var rule = await InsertRuleAsync(new RuleRow(brandId, "An Partner", "contract.status-changed", ContractStatus.CreditCheckPending, 1) { PartnerFilterId = partner });

        var (contractId, _) = await CreateContractAsync(brandId, "Partnerkunde", null, null, partner, Commodity.Electricity, null);
        await ChangeStatusAsync(contractId, ContractStatus.CreditCheckPending);

        var messages = await WaitForOutboxAsync(rule, 1);
        messages.Single().To.ShouldBe("sued@example.de");
        messages.Single().Channel.ShouldBe(MessageChannel.Mail);
    }

    [Fact]
    public async Task Parent_partner_rule_mails_the_partner_above_and_logs_a_reason_for_a_top_level_partner()
    {
        var brandId = await ActiveBrandAsync();
        var parent = await CreatePartnerAsync(brandId, "Agentur Nord", "nord-leitung@example.de", null);
        var child = await CreatePartnerAsync(brandId, "Agent Nord 1", "agent1@example.de", parent);
        var rule = await InsertRuleAsync(new RuleRow(brandId, "An übergeordneten Partner", "contract.created", null, 3)
        {
            PartnerFilterId = parent, IncludeSubPartners = true,
        });

        await CreateContractAsync(brandId, "Unterpartnerkunde", null, null, child, Commodity.Electricity, null);
        (await WaitForOutboxAsync(rule, 1)).Single().To.ShouldBe("nord-leitung@example.de");

        await CreateContractAsync(brandId, "Oberpartnerkunde", null, null, parent, Commodity.Electricity, null);
        (await PluginHost.WaitUntilAsync(async () => await CountLogAsync(rule, "keinen übergeordneten Partner") == 1, Within))
            .ShouldBeTrue("a contract of the top-level partner logs no reason");
        (await OutboxAsync(m => m.Source == $"rule:{rule}")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Role_rule_mails_every_active_user_of_the_brand_in_the_role()
    {
        var brandId = await ActiveBrandAsync();
        var partner = await CreatePartnerAsync(brandId, "Rollenpartner", null, null);
        var active = await CreateUserAsync(brandId, "qr.aktiv", "qr.aktiv@example.de", null, Roles.QualityReviewer, isActive: true);
        var inactive = await CreateUserAsync(brandId, "qr.inaktiv", "qr.inaktiv@example.de", null, Roles.QualityReviewer, isActive: false);
        var staff = await CreateUserAsync(brandId, "innendienst.rolle", "innendienst.rolle@example.de", null, Roles.Staff, isActive: true);
        var rule = await InsertRuleAsync(new RuleRow(brandId, "An Qualitätsprüfung", "contract.status-changed", ContractStatus.QualityReviewPending, 5)
        {
            RoleName = Roles.QualityReviewer, PartnerFilterId = partner,
        });

        var (contractId, _) = await CreateContractAsync(brandId, "Rollenkunde", null, null, partner, Commodity.Electricity, null);
        await ChangeStatusAsync(contractId, ContractStatus.QualityReviewPending);

        (await PluginHost.WaitUntilAsync(async () => (await OutboxAsync(m => m.Source == $"rule:{rule}")).Any(m => m.To == "qr.aktiv@example.de"), Within))
            .ShouldBeTrue($"the active reviewer got nothing: {_app.Registry.Find(PluginId)?.Fault}");
        var recipients = (await OutboxAsync(m => m.Source == $"rule:{rule}")).Select(m => m.To).ToList();
        recipients.ShouldNotContain("qr.inaktiv@example.de");
        recipients.ShouldNotContain("innendienst.rolle@example.de");
        _ = (active, inactive, staff);
    }

    [Fact]
    public async Task Responsible_employee_rule_mails_the_contracts_responsible_user()
    {
        var brandId = await ActiveBrandAsync();
        var partner = await CreatePartnerAsync(brandId, "Zuständigkeitspartner", "zp@example.de", null);
        var responsible = await CreateUserAsync(brandId, "m.zustaendig", "m.zustaendig@example.de", null, Roles.Staff, isActive: true);
        var rule = await InsertRuleAsync(new RuleRow(brandId, "An Zuständigen", "contract.status-changed", ContractStatus.CreditCheckPending, 4) { PartnerFilterId = partner });

        var (contractId, _) = await CreateContractAsync(brandId, "Zuständigkunde", "kunde.z@example.de", null, partner, Commodity.Electricity, responsible);
        await ChangeStatusAsync(contractId, ContractStatus.CreditCheckPending);

        (await WaitForOutboxAsync(rule, 1)).Single().To.ShouldBe("m.zustaendig@example.de");
    }

    [Fact]
    public async Task Import_failed_event_notifies_the_user_who_started_the_import()
    {
        var brandId = await ActiveBrandAsync();
        await CreateUserAsync(brandId, "i.importeur", "i.importeur@example.de", null, Roles.Staff, isActive: true);
        var rule = await InsertRuleAsync(new RuleRow(brandId, "Import fehlgeschlagen", "import.failed", null, 4));

        await _app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<JoulesDbContext>();
            db.Publish(new ImportFailed(Guid.NewGuid(), brandId, TransferKind.ContractImport, "vertraege-kaputt.csv", 3, "Zeile 2: MaLo-ID ungültig", "i.importeur"));
            await db.SaveChangesAsync();
        });

        var message = (await WaitForOutboxAsync(rule, 1)).Single();
        message.To.ShouldBe("i.importeur@example.de");
        message.Subject.ShouldBe("Import vertraege-kaputt.csv fehlgeschlagen");
        message.TextBody.ShouldContain("Zeile 2: MaLo-ID ungültig");
    }

    [Fact]
    public async Task Partner_condition_with_sub_partners_matches_the_subtree_only()
    {
        var brandId = await ActiveBrandAsync();
        var top = await CreatePartnerAsync(brandId, "Struktur Ost", null, null);
        var sub = await CreatePartnerAsync(brandId, "Struktur Ost Team 1", null, top);
        var other = await CreatePartnerAsync(brandId, "Fremdstruktur", null, null);
        var tree = await InsertRuleAsync(new RuleRow(brandId, "Struktur Ost gesamt", "contract.created", null, 2, "struktur@example.de")
        {
            PartnerFilterId = top, IncludeSubPartners = true,
        });
        var onlyTop = await InsertRuleAsync(new RuleRow(brandId, "Nur Struktur Ost", "contract.created", null, 2, "nur-oben@example.de") { PartnerFilterId = top });

        var (subContract, _) = await CreateContractAsync(brandId, "Teamkunde", null, null, sub, Commodity.Electricity, null);
        var (otherContract, _) = await CreateContractAsync(brandId, "Fremdkunde", null, null, other, Commodity.Electricity, null);
        var (topContract, _) = await CreateContractAsync(brandId, "Obenkunde", null, null, top, Commodity.Electricity, null);

        var treeMessages = await WaitForOutboxAsync(tree, 2);
        treeMessages.ShouldContain(m => m.IdempotencyKey.Contains(subContract.ToString("N")));
        treeMessages.ShouldContain(m => m.IdempotencyKey.Contains(topContract.ToString("N")));
        treeMessages.ShouldNotContain(m => m.IdempotencyKey.Contains(otherContract.ToString("N")));
        var topMessages = await WaitForOutboxAsync(onlyTop, 1);
        topMessages.Single().IdempotencyKey.ShouldContain(topContract.ToString("N"));
    }

    [Fact]
    public async Task Commodity_condition_skips_contracts_of_the_other_commodity()
    {
        var brandId = await ActiveBrandAsync();
        var partner = await CreatePartnerAsync(brandId, "Spartenpartner", null, null);
        var gasRule = await InsertRuleAsync(new RuleRow(brandId, "Nur Gas", "contract.created", null, 2, "gas@example.de")
        {
            PartnerFilterId = partner, CommodityFilter = Commodity.Gas,
        });

        var (power, _) = await CreateContractAsync(brandId, "Stromkunde", null, null, partner, Commodity.Electricity, null);
        var (gas, _) = await CreateContractAsync(brandId, "Gaskunde", null, null, partner, Commodity.Gas, null);

        var messages = await WaitForOutboxAsync(gasRule, 1);
        messages.Single().IdempotencyKey.ShouldContain(gas.ToString("N"));
        await Task.Delay(500);   // not a timing assertion: gives a wrongly matching power contract the chance to show up
        (await OutboxAsync(m => m.Source == $"rule:{gasRule}")).ShouldNotContain(m => m.IdempotencyKey.Contains(power.ToString("N")));
    }

    [Fact]
    public async Task Messenger_rule_queues_a_messenger_message_to_the_channel()
    {
        var brandId = await ActiveBrandAsync();
        var partner = await CreatePartnerAsync(brandId, "Messengerpartner", null, null);
        Guid channelId = default;
        await _app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<JoulesDbContext>();
            var channel = MessengerChannel.Create(brandId, "Team Innendienst", MessengerKind.Slack, "geschützt", DateTimeOffset.UtcNow);
            channel.UrlHost = "hooks.slack.com";
            db.MessengerChannels.Add(channel);
            await db.SaveChangesAsync();
            channelId = channel.Id;
        });
        var rule = await InsertRuleAsync(new RuleRow(brandId, "Team informieren", "contract.created", null, 0)
        {
            Channel = MessageChannel.Messenger, MessengerChannelId = channelId, PartnerFilterId = partner,
        });

        var (_, number) = await CreateContractAsync(brandId, "Messengerkunde", null, null, partner, Commodity.Electricity, null);

        var message = (await WaitForOutboxAsync(rule, 1)).Single();
        message.Channel.ShouldBe(MessageChannel.Messenger);
        message.To.ShouldBe(channelId.ToString());
        message.TextBody.ShouldContain(number);
    }

    [Fact]
    public async Task Sms_rule_with_an_invalid_customer_phone_logs_the_reason_and_queues_nothing()
    {
        var brandId = await ActiveBrandAsync();
        var partner = await CreatePartnerAsync(brandId, "SMS-Partner", null, null);
        var rule = await InsertRuleAsync(new RuleRow(brandId, "SMS an Kunden", "contract.created", null, 0)
        {
            Channel = MessageChannel.Sms, PartnerFilterId = partner,
        });

        await CreateContractAsync(brandId, "Smskunde", null, "0171-12ab34", partner, Commodity.Electricity, null);

        (await PluginHost.WaitUntilAsync(async () => await CountLogAsync(rule, "0171-12ab34") == 1, Within))
            .ShouldBeTrue($"no log entry names the invalid number: {_app.Registry.Find(PluginId)?.Fault}");
        (await OutboxAsync(m => m.Source == $"rule:{rule}")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Same_status_change_made_twice_mails_twice_and_a_redelivered_event_mails_once()
    {
        var brandId = await ActiveBrandAsync();
        var partner = await CreatePartnerAsync(brandId, "Wiederholpartner", null, null);
        var rule = await InsertRuleAsync(new RuleRow(brandId, "Klärfall wiederholt", "contract.status-changed", ContractStatus.NeedsClarification, 2, "klaerung@example.de")
        {
            PartnerFilterId = partner,
        });

        var (contractId, _) = await CreateContractAsync(brandId, "Wiederholkunde", null, null, partner, Commodity.Electricity, null);
        await ChangeStatusAsync(contractId, ContractStatus.NeedsClarification);
        await ChangeStatusAsync(contractId, ContractStatus.Captured);
        await ChangeStatusAsync(contractId, ContractStatus.NeedsClarification);
        (await WaitForOutboxAsync(rule, 2)).Count.ShouldBe(2);

        // Deliver the last status change again, as after a crash between sending and the receipt.
        long eventId = 0;
        var contractText = contractId.ToString();
        await _app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<JoulesDbContext>();
            eventId = await db.DomainEvents.Where(e => e.Type == typeof(ContractStatusChanged).FullName && e.Payload.Contains(contractText))
                .OrderByDescending(e => e.Id).Select(e => e.Id).FirstAsync();
            (await PluginHost.WaitUntilAsync(async () => await db.DomainEvents.AnyAsync(e => e.Id == eventId && e.DispatchedAt != null), Within)).ShouldBeTrue();
            await db.DomainEventReceipts.Where(r => r.EventId == eventId && r.Handler.StartsWith(PluginId)).ExecuteDeleteAsync();
            await db.DomainEvents.Where(e => e.Id == eventId).ExecuteUpdateAsync(u => u.SetProperty(e => e.DispatchedAt, (DateTimeOffset?)null));
        });
        var redelivered = await PluginHost.WaitUntilAsync(async () =>
        {
            var done = false;
            await _app.WithScopeAsync(async s => done = await s.GetRequiredService<JoulesDbContext>().DomainEventReceipts
                .AnyAsync(r => r.EventId == eventId && r.Handler.StartsWith(PluginId)));
            return done;
        }, Within);
        redelivered.ShouldBeTrue("the event was not delivered again");
        (await OutboxAsync(m => m.Source == $"rule:{rule}")).Count.ShouldBe(2);
        (await CountLogAsync(rule, null)).ShouldBe(2);
    }

    [Fact]
    public async Task Notifiable_event_of_another_plugin_notifies()
    {
        var brandId = await ActiveBrandAsync();
        (await PluginHost.WaitUntilAsync(() => _app.Registry.Find(TestPlugins.Probe)?.State == PluginState.Active, Within)).ShouldBeTrue();
        var rule = await InsertRuleAsync(new RuleRow(brandId, "Probe-Alarm an Leitstelle", "joules.test.probe.alarm", null, 2, "leitstelle@example.de"));
        var (contractId, _) = await CreateContractAsync(brandId, "Probekunde", null);

        var client = _app.CreateClient();
        var response = await client.PostAsync($"/plugins/{TestPlugins.Probe}/alarm?brand={brandId}&contract={contractId}&text=Sonde%2042%20meldet%20%C3%9Cberlast", null);
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());

        var message = (await WaitForOutboxAsync(rule, 1)).Single();
        message.To.ShouldBe("leitstelle@example.de");
        message.Subject.ShouldBe("Probe-Alarm: Sonde 42 meldet Überlast");
        message.TextBody.ShouldContain("Stadtwerke Sonnental");
    }

    [Fact]
    public async Task Rule_test_shows_match_recipients_and_preview_and_sends_without_logging()
    {
        var brandId = await ActiveBrandAsync();
        var (contractId, number) = await CreateContractAsync(brandId, "Testkunde", "test.kunde@example.de");
        var plugin = _app.Registry.Find(PluginId).ShouldNotBeNull();
        var assembly = plugin.Assembly.ShouldNotBeNull();
        var ruleId = Guid.NewGuid();

        await using var scope = PluginScope.Create(plugin, _app.Services);
        scope.Host.GetRequiredService<CurrentUserAccessor>().User = new SystemUser("tester", brandId);
        dynamic rule = Activator.CreateInstance(assembly.GetType("Joules.Plugins.SystemMessages.NotificationRule", throwOnError: true)!)!;
        rule.Id = ruleId;
        rule.BrandId = brandId;
        rule.Name = "Probe";
        rule.EventKey = "contract.status-changed";
        rule.StatusFilter = (ContractStatus?)ContractStatus.Confirmed;
        dynamic tester = scope.Services.GetRequiredService(assembly.GetType("Joules.Plugins.SystemMessages.RuleTester", throwOnError: true)!);

        Task<IDomainEvent> sampleTask = tester.SampleEventAsync(rule, (Guid?)contractId, CancellationToken.None);
        var sample = await sampleTask;
        sample.ShouldBeOfType<ContractStatusChanged>().To.ShouldBe(ContractStatus.Confirmed);
        dynamic runTask = tester.RunAsync(rule, sample, CancellationToken.None);
        await runTask;
        dynamic result = runTask.Result;

        ((string?)result.Mismatch).ShouldBeNull();
        IEnumerable<dynamic> recipients = result.Recipients;
        recipients.Select(r => (string?)r.To).ShouldBe(["test.kunde@example.de"]);
        Joules.Core.Messaging.Templates.RenderedMessage rendered = result.Rendered;
        rendered.Subject.ShouldBe($"Vertrag {number}: {GermanLabel(ContractStatus.Confirmed)}");
        rendered.Html.ShouldNotBeNull().ShouldContain($"<b>{number}</b>");

        // Sample values without a contract: the customer cannot be found, and the test says why.
        Task<IDomainEvent> fromSamples = tester.SampleEventAsync(rule, (Guid?)null, CancellationToken.None);
        dynamic sampleRun = tester.RunAsync(rule, await fromSamples, CancellationToken.None);
        await sampleRun;
        IEnumerable<dynamic> none = sampleRun.Result.Recipients;
        ((string?)none.Single().Reason).ShouldBe("Das Ereignis betrifft keinen Kunden.");

        Task<Guid> sendTask = tester.SendAsync(rule, rendered, "pruefer@example.de", CancellationToken.None);
        var outboxId = await sendTask;
        var sent = (await OutboxAsync(m => m.Id == outboxId)).Single();
        sent.Source.ShouldBe($"rule-test:{ruleId}");
        sent.To.ShouldBe("pruefer@example.de");
        sent.Subject.ShouldBe(rendered.Subject);
        (await CountLogAsync(ruleId, null)).ShouldBe(0);
    }

    private async Task<List<OutboxMessage>> WaitForOutboxAsync(Guid ruleId, int count)
    {
        List<OutboxMessage> messages = [];
        await PluginHost.WaitUntilAsync(async () => (messages = await OutboxAsync(m => m.Source == $"rule:{ruleId}")).Count >= count, Within);
        messages.Count.ShouldBe(count, $"rule {ruleId}: {_app.Registry.Find(PluginId)?.Fault}");
        return messages;
    }

    private async Task<Guid> CreatePartnerAsync(Guid brandId, string name, string? email, Guid? parentId)
    {
        var id = Guid.Empty;
        await _app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<JoulesDbContext>();
            var parent = parentId is { } p ? await db.SalesPartners.SingleAsync(x => x.Id == p) : null;
            var partner = new SalesPartner(brandId, "VP-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), name, parent, SalesChannel.DoorToDoor) { Email = email };
            db.SalesPartners.Add(partner);
            await db.SaveChangesAsync();
            id = partner.Id;
        });
        return id;
    }

    private async Task<Guid> CreateUserAsync(Guid brandId, string userName, string email, string? phone, string role, bool isActive)
    {
        var id = Guid.Empty;
        await _app.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<JoulesUser>>();
            var existing = await users.FindByNameAsync(userName);
            if (existing is not null) { id = existing.Id; return; }
            var user = new JoulesUser
            {
                UserName = userName, Email = email, PhoneNumber = phone, BrandId = brandId, IsActive = isActive,
                DisplayName = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(userName.Replace('.', ' ')),
            };
            (await users.CreateAsync(user)).Succeeded.ShouldBeTrue();
            (await users.AddToRoleAsync(user, role)).Succeeded.ShouldBeTrue();
            id = user.Id;
        });
        return id;
    }
}

public partial class SystemMessagesPluginTests
{
    [Fact]
    public async Task Saving_a_rule_with_a_bad_fixed_address_names_the_field_and_the_entry()
    {
        var brandId = await ActiveBrandAsync();
        var plugin = _app.Registry.Find(PluginId).ShouldNotBeNull();
        var assembly = plugin.Assembly.ShouldNotBeNull();
        await using var scope = PluginScope.Create(plugin, _app.Services);
        scope.Host.GetRequiredService<CurrentUserAccessor>().User = new SystemUser("tester", brandId);
        var ruleType = assembly.GetType("Joules.Plugins.SystemMessages.NotificationRule", throwOnError: true)!;
        dynamic rule = Activator.CreateInstance(ruleType)!;
        rule.BrandId = brandId;
        rule.Name = "Ungültige Adresse";
        rule.EventKey = "contract.created";
        rule.RecipientKind = (dynamic)Enum.ToObject(assembly.GetType("Joules.Plugins.SystemMessages.RecipientKind", throwOnError: true)!, 2);
        rule.FixedAddresses = "team@example.de; kein-postfach";
        dynamic service = scope.Services.GetRequiredService(assembly.GetType("Joules.Plugins.SystemMessages.RuleService", throwOnError: true)!);

        var error = await Should.ThrowAsync<Joules.Core.Domain.Common.DomainException>(async () => { Task t = service.SaveAsync(rule); await t; });
        error.Field.ShouldBe("FixedAddresses");
        error.Message.ShouldContain("„kein-postfach“ ist keine gültige E-Mail-Adresse.");
    }
}

public partial class SystemMessagesPluginTests
{
    [Fact]
    public async Task Log_shows_the_outbox_state_of_queued_messages_and_the_reason_of_the_others_filtered_by_rule_and_state()
    {
        var brandId = await ActiveBrandAsync();
        var partner = await CreatePartnerAsync(brandId, "Protokollpartner", null, null);
        var rule = await InsertRuleAsync(new RuleRow(brandId, "Protokollregel", "contract.created", null, 2, "protokoll@example.de; kaputt@")
        {
            PartnerFilterId = partner,
        });
        await CreateContractAsync(brandId, "Protokollkunde", null, null, partner, Commodity.Electricity, null);
        await WaitForOutboxAsync(rule, 1);
        (await PluginHost.WaitUntilAsync(async () => await CountLogAsync(rule, null) == 2, Within)).ShouldBeTrue();

        var plugin = _app.Registry.Find(PluginId).ShouldNotBeNull();
        var assembly = plugin.Assembly.ShouldNotBeNull();
        await using var scope = PluginScope.Create(plugin, _app.Services);
        scope.Host.GetRequiredService<CurrentUserAccessor>().User = new SystemUser("tester", brandId);
        dynamic service = scope.Services.GetRequiredService(assembly.GetType("Joules.Plugins.SystemMessages.RuleService", throwOnError: true)!);
        var stateType = assembly.GetType("Joules.Plugins.SystemMessages.LogState", throwOnError: true)!;
        var queryType = assembly.GetType("Joules.Plugins.SystemMessages.LogQuery", throwOnError: true)!;
        async Task<List<(string? Recipient, string State, string? Reason)>> PageAsync(object? state, string? search)
        {
            var query = Activator.CreateInstance(queryType, 0, 25, (Guid?)rule, state, search)!;
            dynamic task = service.LogAsync(brandId, (dynamic)query, CancellationToken.None);
            await task;
            dynamic result = task.Result;
            IEnumerable<dynamic> rows = result.Item1;
            int total = result.Item2;
            var list = new List<(string?, string, string?)>();
            foreach (var row in rows) list.Add(((string?)row.Entry.Recipient, (string)row.State.ToString(), (string?)row.Entry.Reason));
            list.Count.ShouldBe(total);
            return list;
        }

        var all = await PageAsync(null, null);
        all.Count.ShouldBe(2);
        all.ShouldContain(r => r.Recipient == "protokoll@example.de" && r.State != "NotQueued");
        all.ShouldContain(r => r.Recipient == "kaputt@" && r.State == "NotQueued" && r.Reason!.Contains("kaputt@"));
        (await PageAsync(Enum.Parse(stateType, "NotQueued"), null)).Single().Recipient.ShouldBe("kaputt@");
        (await PageAsync(null, "PROTOKOLL")).Single().Recipient.ShouldBe("protokoll@example.de");
        (await PageAsync(Enum.Parse(stateType, "Failed"), null)).ShouldBeEmpty();
    }
}
