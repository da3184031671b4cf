using System.Globalization;
using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Messaging;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Domain.Tariffs;
using Joules.Core.UseCases.Contracts;
using Joules.Core.UseCases.Customers;
using Joules.Host.Plugins;
using Joules.Host.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Joules.Host.Tests.Plugins;

/// <summary>The shipped "System messages" plugin in a real host: a rule in its table turns a Core contract event into a
/// templated mail that goes through the outbox into the development mailbox, once per matching rule.</summary>
public partial class SystemMessagesPluginTests : IClassFixture<SystemMessagesPluginTests.Host>
{
    public const string PluginId = "joules.system-messages";

    public sealed class Host : PluginHost
    {
        public Host() : base(developmentLicence: true)
        {
            // The build installs the shipped plugin into <repo>/plugins-bin; move a copy in like an administrator would.
            var source = TestPlugins.Shipped(PluginId);
            var staging = Path.Combine(PluginsFolder, ".incoming", Guid.NewGuid().ToString("N"));
            TestPlugins.CopyFolder(source, staging);
            Directory.Move(staging, Path.Combine(PluginsFolder, PluginId));
            // The probe test plugin raises a notifiable event of its own.
            TestPlugins.MoveIn(TestPlugins.Probe, PluginsFolder);
        }
    }

    // Generous: the test suites run in parallel on two cores; every wait ends as soon as the mail is there.
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);
    private readonly Host _app;

    public SystemMessagesPluginTests(Host app) => _app = app;

    [Fact]
    public async Task Contract_status_change_sends_one_templated_mail_per_matching_rule()
    {
        var brandId = await ActiveBrandAsync();
        var confirmed = await InsertRuleAsync(brandId, "Bestätigung an Kunden", "contract.status-changed", ContractStatus.Confirmed, recipientKind: 0);
        var cancelled = await InsertRuleAsync(brandId, "Storno an Kunden", "contract.status-changed", ContractStatus.Cancelled, recipientKind: 0);
        var created = await InsertRuleAsync(brandId, "Neuer Vertrag an Innendienst", "contract.created", null, recipientKind: 2, fixedAddresses: "innendienst@example.de");

        var (contractId, number) = await CreateContractAsync(brandId, "Sommer", "lena.sommer@example.de");
        await ChangeStatusAsync(contractId, ContractStatus.Confirmed);

        var subject = $"Vertrag {number}: {GermanLabel(ContractStatus.Confirmed)}";
        var mail = await WaitForMailAsync(subject);
        mail.ShouldNotBeNull($"no mail with subject '{subject}' arrived: {_app.Registry.Find(PluginId)?.Fault}");
        var mime = MimeMessage.Load(new MemoryStream(mail.Mime));
        mime.To.Mailboxes.Single().Address.ShouldBe("lena.sommer@example.de");
        mime.TextBody.ShouldNotBeNull().ShouldContain(number);
        mime.HtmlBody.ShouldNotBeNull().ShouldContain($"<b>{number}</b>");

        var createdMail = await WaitForMailAsync($"Ihr Vertrag {number} bei Stadtwerke Sonnental");
        createdMail.ShouldNotBeNull("the contract.created rule sent nothing");
        MimeMessage.Load(new MemoryStream(createdMail.Mime)).To.Mailboxes.Single().Address.ShouldBe("innendienst@example.de");

        var contractKey = contractId.ToString("N");
        var messages = await OutboxAsync(m => m.IdempotencyKey.Contains(contractKey));
        messages.Count(m => m.Source == $"rule:{confirmed}").ShouldBe(1);
        messages.Count(m => m.Source == $"rule:{created}").ShouldBe(1);
        messages.Count(m => m.Source == $"rule:{cancelled}").ShouldBe(0);
        (await CountMailsAsync(subject)).ShouldBe(1);
        (await CountLogAsync(confirmed, null)).ShouldBe(1);
        (await CountLogAsync(cancelled, null)).ShouldBe(0);
    }

    [Fact]
    public async Task Customer_without_email_gets_a_log_entry_with_reason_and_no_mail()
    {
        var brandId = await ActiveBrandAsync();
        var rule = await InsertRuleAsync(brandId, "Widerruf an Kunden", "contract.status-changed", ContractStatus.Withdrawn, recipientKind: 0);

        var (contractId, _) = await CreateContractAsync(brandId, "Ohnepost", email: null);
        await ChangeStatusAsync(contractId, ContractStatus.Withdrawn);

        (await PluginHost.WaitUntilAsync(async () => await CountLogAsync(rule, "keine E-Mail") == 1, Within))
            .ShouldBeTrue($"no log entry for the missing address: {_app.Registry.Find(PluginId)?.Fault}");
        (await OutboxAsync(m => m.Source == $"rule:{rule}")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Invalid_fixed_address_is_logged_with_reason_and_other_recipients_still_get_mail()
    {
        var brandId = await ActiveBrandAsync();
        var rule = await InsertRuleAsync(brandId, "Klärfall an Team", "contract.status-changed", ContractStatus.NeedsClarification, recipientKind: 2,
            fixedAddresses: "kein-postfach; team@example.de");

        var (contractId, number) = await CreateContractAsync(brandId, "Klaerfall", email: null);
        await ChangeStatusAsync(contractId, ContractStatus.NeedsClarification);

        (await WaitForMailAsync($"Vertrag {number}: {GermanLabel(ContractStatus.NeedsClarification)}")).ShouldNotBeNull("the valid address got no mail");
        (await PluginHost.WaitUntilAsync(async () => await CountLogAsync(rule, "kein-postfach") == 1, Within))
            .ShouldBeTrue("no log entry names the invalid address");
        (await OutboxAsync(m => m.Source == $"rule:{rule}")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task System_messages_page_lists_the_brands_rules_with_navigation_entry()
    {
        var brandId = await ActiveBrandAsync();   // the demo administrator's own brand, which the page opens with
        await InsertRuleAsync(brandId, "Lieferbeginn an Partner", "contract.status-changed", ContractStatus.InSupply, recipientKind: 1);

        var admin = await SignedInClient.CreateAsync(_app);
        var html = await admin.GetStringAsync("/system-messages");
        html.ShouldContain("Systemnachrichten");
        html.ShouldContain("Lieferbeginn an Partner");
        html.ShouldContain("Vertriebspartner");
        html.ShouldContain("href=\"system-messages\"");
    }

    private async Task<Guid> ActiveBrandAsync()
    {
        _ = _app.Services;
        (await PluginHost.WaitUntilAsync(() => _app.Registry.Find(PluginId)?.State == PluginState.Active, Within))
            .ShouldBeTrue($"plugin not active: {_app.Registry.Find(PluginId)?.State} {_app.Registry.Find(PluginId)?.Fault}");
        var brandId = Guid.Empty;
        await _app.WithScopeAsync(async s => brandId = await s.GetRequiredService<JoulesDbContext>().Brands.Where(b => b.Code == "SWS").Select(b => b.Id).SingleAsync());
        return brandId;
    }

    private Task<Guid> InsertRuleAsync(Guid brandId, string name, string eventKey, ContractStatus? status, int recipientKind, string? fixedAddresses = null) =>
        InsertRuleAsync(new RuleRow(brandId, name, eventKey, status, recipientKind, fixedAddresses));

    /// <summary>A row of the plugin's rule table (recipient kinds: 0 customer, 1 partner, 2 fixed, 3 parent partner,
    /// 4 responsible employee, 5 role; channels: 0 mail, 1 messenger, 2 SMS).</summary>
    private sealed record RuleRow(Guid BrandId, string Name, string EventKey, ContractStatus? Status, int RecipientKind, string? FixedAddresses = null)
    {
        public MessageChannel Channel { get; init; }
        public Guid? MessengerChannelId { get; init; }
        public string? RoleName { get; init; }
        public Guid? PartnerFilterId { get; init; }
        public bool IncludeSubPartners { get; init; }
        public Commodity? CommodityFilter { get; init; }
    }

    private async Task<Guid> InsertRuleAsync(RuleRow rule)
    {
        var (brandId, name, eventKey, status, recipientKind, fixedAddresses) = (rule.BrandId, rule.Name, rule.EventKey, rule.Status, rule.RecipientKind, rule.FixedAddresses);
        var id = Guid.NewGuid();
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO joules_system_messages_Rules (Id, BrandId, Name, Enabled, EventKey, StatusFilter, RecipientKind, FixedAddresses, Language, CreatedAt,
                Channel, MessengerChannelId, RoleName, PartnerFilterId, IncludeSubPartners, CommodityFilter)
            VALUES ($id, $brand, $name, 1, $key, $status, $kind, $fixed, 'de', $at, $channel, $messenger, $role, $partner, $sub, $commodity)
            """;
        command.Parameters.AddWithValue("$channel", (int)rule.Channel);
        command.Parameters.AddWithValue("$messenger", rule.MessengerChannelId is { } m ? m.ToString().ToUpperInvariant() : DBNull.Value);
        command.Parameters.AddWithValue("$role", (object?)rule.RoleName ?? DBNull.Value);
        command.Parameters.AddWithValue("$partner", rule.PartnerFilterId is { } p ? p.ToString().ToUpperInvariant() : DBNull.Value);
        command.Parameters.AddWithValue("$sub", rule.IncludeSubPartners ? 1 : 0);
        command.Parameters.AddWithValue("$commodity", rule.CommodityFilter is { } c ? (int)c : DBNull.Value);
        command.Parameters.AddWithValue("$id", id.ToString().ToUpperInvariant());
        command.Parameters.AddWithValue("$brand", brandId.ToString().ToUpperInvariant());
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$key", eventKey);
        command.Parameters.AddWithValue("$status", status is null ? DBNull.Value : (int)status.Value);
        command.Parameters.AddWithValue("$kind", recipientKind);
        command.Parameters.AddWithValue("$fixed", (object?)fixedAddresses ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.UtcTicks);
        (await command.ExecuteNonQueryAsync()).ShouldBe(1);
        return id;
    }

    private async Task<long> CountLogAsync(Guid ruleId, string? reasonContains)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM joules_system_messages_Log WHERE RuleId = $rule AND ($reason IS NULL OR Reason LIKE '%' || $reason || '%')";
        command.Parameters.AddWithValue("$rule", ruleId.ToString().ToUpperInvariant());
        command.Parameters.AddWithValue("$reason", (object?)reasonContains ?? DBNull.Value);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_app.DataFolder, "joules.db")};Pooling=False;Default Timeout=30");
        connection.Open();
        return connection;
    }

    private Task<(Guid Id, string Number)> CreateContractAsync(Guid brandId, string lastName, string? email) =>
        CreateContractAsync(brandId, lastName, email, null, null, Commodity.Electricity, null);

    private Task<(Guid Id, string Number)> CreateContractAsync(Guid brandId, string lastName, string? email, string? phone, Guid? partnerId,
        Commodity commodity, Guid? responsibleUserId)
    {
        (Guid, string) result = default;
        return _app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<JoulesDbContext>();
            var address = new Address { Street = "Am Wehr", HouseNumber = "3", PostalCode = "79102", City = "Sonnental" };
            var customer = await new CreateCustomer(db).RunAsync(new CreateCustomerCommand(CustomerType.Household,
                new CustomerDetails(Salutation.Ms, "Lena", lastName, null, null, email, phone, address), brandId));
            var code = commodity == Commodity.Gas ? "SYSMSG-GAS" : "SYSMSG-STROM";
            var tariff = await db.Tariffs.FirstOrDefaultAsync(t => t.BrandId == brandId && t.Code == code);
            if (tariff is null)
            {
                tariff = new Tariff(brandId, code, commodity == Commodity.Gas ? "Sonnengas Test" : "Sonnenstrom Test", commodity, CustomerType.Household, new TariffTerms(12, 12, 4, 12));
                db.Tariffs.Add(tariff);
                await db.SaveChangesAsync();
            }
            var contract = await new CaptureContract(db).RunAsync(new CaptureContractCommand(customer.Id, tariff.Id, partnerId,
                partnerId is null ? SalesChannel.BackOffice : SalesChannel.DoorToDoor,
                new ContractDetails(address, MaLoId.Complete("5123456789"), "1ESY0000001", 2800, DateOnly.FromDateTime(DateTime.Today.AddMonths(2)))));
            if (responsibleUserId is not null)
            {
                contract.ResponsibleUserId = responsibleUserId;
                await db.SaveChangesAsync();
            }
            result = (contract.Id, contract.ContractNumber);
        }).ContinueWith(t => { t.GetAwaiter().GetResult(); return result; });
    }

    private Task ChangeStatusAsync(Guid contractId, ContractStatus to) => _app.WithScopeAsync(s =>
        new ChangeContractStatus(s.GetRequiredService<JoulesDbContext>()).RunAsync(contractId, to, "Test", "test"));

    private async Task<CapturedMail?> WaitForMailAsync(string subject)
    {
        CapturedMail? found = null;
        await PluginHost.WaitUntilAsync(async () =>
        {
            await _app.WithScopeAsync(async s => found = await s.GetRequiredService<JoulesDbContext>().CapturedMails.AsNoTracking()
                .FirstOrDefaultAsync(m => m.Subject == subject));
            return found is not null;
        }, Within);
        return found;
    }

    private async Task<int> CountMailsAsync(string subject)
    {
        var count = 0;
        await _app.WithScopeAsync(async s => count = await s.GetRequiredService<JoulesDbContext>().CapturedMails.CountAsync(m => m.Subject == subject));
        return count;
    }

    private async Task<List<OutboxMessage>> OutboxAsync(System.Linq.Expressions.Expression<Func<OutboxMessage, bool>> filter)
    {
        List<OutboxMessage> list = [];
        await _app.WithScopeAsync(async s => list = await s.GetRequiredService<JoulesDbContext>().OutboxMessages.AsNoTracking().Where(filter).ToListAsync());
        return list;
    }

    private static string GermanLabel(ContractStatus status)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        try { return ContractStatusText.Label(status); }
        finally { CultureInfo.CurrentUICulture = previous; }
    }
}
