using System.Globalization;
using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Messaging;
using Joules.Core.Events;
using Joules.Core.Messaging.Sms;
using Joules.Core.Messaging.Templates;
using Joules.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.SystemMessages;

/// <summary>A contract the rule test can build its sample event from.</summary>
public sealed record ContractChoice(Guid Id, string Number, string CustomerName);

/// <summary>What a rule would do for a sample event: whether its conditions hold (else why not), whom it would notify
/// (with reasons for those it cannot), and the rendered message.</summary>
public sealed record RuleTestResult(string EventDescription, string? Mismatch, IReadOnlyList<ResolvedRecipient> Recipients,
    RenderedMessage? Rendered, string? RenderError);

/// <summary>An event built from the catalogue's sample values, for testing a rule without a real event: it carries the
/// rule's event key and the sample variables, and concerns what <see cref="Subject"/> names.</summary>
public sealed record SampleEvent(string TemplateKey, Guid? BrandId, NotificationSubject Subject, IReadOnlyDictionary<string, object?> Variables) : INotifiableEvent
{
    public void AddVariables(IDictionary<string, object?> model, CultureInfo culture)
    {
        foreach (var (name, value) in Variables) model[name] = value;
    }
}

/// <summary>"Regel testen": builds a sample event (from a contract of the brand or from sample values), shows what the
/// rule would send, and sends the rendered message to an address the user enters. Writes nothing to the rule log.</summary>
public sealed class RuleTester(IDbContextFactory<JoulesDbContext> coreFactory, MessageTemplateService templates, ICurrentUser user)
{
    /// <summary>Contracts of the brand whose number contains <paramref name="text"/> (at most 20).</summary>
    public async Task<List<ContractChoice>> SearchContractsAsync(Guid brandId, string? text, CancellationToken ct = default)
    {
        await using var db = await coreFactory.CreateDbContextAsync(ct);
        var search = (text ?? "").Trim();
        var query = db.Contracts.AsNoTracking().Where(c => c.BrandId == brandId);
        if (search.Length > 0) query = query.Where(c => c.ContractNumber.Contains(search));
        return await (from c in query.OrderByDescending(c => c.OrderedAt).Take(20)
                      join customer in db.Customers on c.CustomerId equals customer.Id
                      select new ContractChoice(c.Id, c.ContractNumber,
                          customer.CompanyName ?? (customer.FirstName == null ? customer.LastName : customer.LastName + ", " + customer.FirstName)))
            .ToListAsync(ct);
    }

    /// <summary>The sample event for <paramref name="rule"/>: from the contract when given, else from sample values.</summary>
    public async Task<IDomainEvent> SampleEventAsync(NotificationRule rule, Guid? contractId, CancellationToken ct = default)
    {
        var definition = templates.Catalogue.Get(rule.EventKey);
        var sample = definition.SampleModel();
        if (contractId is null)
            return new SampleEvent(rule.EventKey, rule.BrandId,
                new NotificationSubject(ActorUserName: user.UserName) { Status = rule.StatusFilter, Commodity = rule.CommodityFilter }, sample);

        await using var db = await coreFactory.CreateDbContextAsync(ct);
        var c = await db.Contracts.AsNoTracking().Where(x => x.Id == contractId && x.BrandId == rule.BrandId)
            .Select(x => new { x.Id, x.ContractNumber, x.CustomerId, x.SalesPartnerId, x.Commodity, x.Status }).FirstOrDefaultAsync(ct)
            ?? throw new DomainException("Den Vertrag gibt es in der Marke nicht.", "Contract");
        var customerNumber = await db.Customers.AsNoTracking().Where(x => x.Id == c.CustomerId).Select(x => x.CustomerNumber).FirstOrDefaultAsync(ct) ?? "";
        return rule.EventKey switch
        {
            MessageTemplateKeys.ContractCreated => new ContractCreated(c.Id, rule.BrandId, c.ContractNumber, c.CustomerId, c.SalesPartnerId, c.Commodity),
            MessageTemplateKeys.ContractStatusChanged => new ContractStatusChanged(c.Id, rule.BrandId, c.ContractNumber, c.Status,
                rule.StatusFilter ?? c.Status, user.UserName, null, c.SalesPartnerId),
            MessageTemplateKeys.CustomerCreated => new CustomerCreated(c.CustomerId, rule.BrandId, customerNumber),
            _ => new SampleEvent(rule.EventKey, rule.BrandId,
                new NotificationSubject(c.Id, c.CustomerId, c.SalesPartnerId, user.UserName) { Commodity = c.Commodity, Status = rule.StatusFilter ?? c.Status },
                sample),
        };
    }

    /// <summary>What the rule would do for <paramref name="domainEvent"/>; renders for the first recipient that can be
    /// notified (or with the sample recipient name).</summary>
    public async Task<RuleTestResult> RunAsync(NotificationRule rule, IDomainEvent domainEvent, CancellationToken ct = default)
    {
        await using var db = await coreFactory.CreateDbContextAsync(ct);
        var planner = new NotificationPlanner(db, templates);
        var facts = await planner.LoadFactsAsync(domainEvent, rule.BrandId, ct);
        var mismatch = await planner.MismatchAsync(rule, facts, ct);
        var recipients = await planner.RecipientsAsync(rule, facts, ct);
        var description = Describe(domainEvent, facts);
        var model = NotificationPlanner.Model(domainEvent, facts, rule.Language,
            recipients.FirstOrDefault(r => r.To is not null)?.Name is { Length: > 0 } name ? name
                : templates.Catalogue.Find(rule.EventKey)?.SampleModel().GetValueOrDefault("recipient.name") as string ?? "");
        if (domainEvent is SampleEvent sample)
            foreach (var (key, value) in sample.Variables)
                if (model.TryGetValue(key, out var current) && current is "" or null) model[key] = value;
        try
        {
            var template = await planner.TemplateAsync(rule, ct);
            var rendered = await planner.RenderAsync(template, model, ct);
            return new RuleTestResult(description, mismatch, recipients, rendered, null);
        }
        catch (DomainException ex)
        {
            return new RuleTestResult(description, mismatch, recipients, null, ex.Message);
        }
    }

    private static string Describe(IDomainEvent domainEvent, NotificationFacts facts)
    {
        var parts = new List<string>();
        if (facts.ContractNumber is not null) parts.Add($"Vertrag {facts.ContractNumber}");
        if (facts.Customer is not null) parts.Add($"Kunde {facts.Customer.Name}");
        if (facts.Partner is not null) parts.Add($"Vertriebspartner {facts.Partner.Name}");
        if (facts.Status is { } s) parts.Add($"Status {Joules.Core.Domain.Contracts.ContractStatusText.Label(s)}");
        if (facts.Commodity is { } c) parts.Add($"Sparte {NotificationPlanner.CommodityLabel(c)}");
        if (domainEvent is SampleEvent && facts.ContractId is null) parts.Insert(0, "Beispielwerte");
        return string.Join(" · ", parts);
    }

    /// <summary>Queues the rendered test message to <paramref name="to"/> (mail address, phone number or messenger
    /// channel id) with source <c>rule-test:&lt;rule id&gt;</c> and a fresh idempotency key. Returns the outbox id.</summary>
    /// <exception cref="DomainException">The address or number is invalid.</exception>
    public async Task<Guid> SendAsync(NotificationRule rule, RenderedMessage rendered, string? to, CancellationToken ct = default)
    {
        var target = (to ?? "").Trim();
        await using var db = await coreFactory.CreateDbContextAsync(ct);
        switch (rule.Channel)
        {
            case MessageChannel.Sms:
                if (!PhoneNumbers.TryNormalize(target, NotificationPlanner.PhoneCountry, out var e164, out var error))
                    throw new DomainException(error, "TestTo");
                target = e164;
                break;
            case MessageChannel.Messenger:
                if (!Guid.TryParse(target, out var channelId) || !await db.MessengerChannels.AnyAsync(c => c.Id == channelId && c.BrandId == rule.BrandId, ct))
                    throw new DomainException("Bitte einen Messenger-Kanal der Marke wählen.", "TestTo");
                break;
            default:
                if (target.Length == 0) throw new DomainException("Bitte eine E-Mail-Adresse angeben.", "TestTo");
                break;
        }
        var source = $"rule-test:{rule.Id}";
        var queued = await NotificationDispatcher.QueueAsync(db, rule, rule.BrandId, $"{source}:{Guid.NewGuid():N}", target, rendered, source, ct)
            .ConfigureAwait(false);
        db.Audit("SystemMessages.RuleTestSent", "NotificationRule", rule.Id.ToString(), $"{rule.Channel} an {target}");
        await db.SaveChangesAsync(ct);
        return queued.Message.Id;
    }
}
