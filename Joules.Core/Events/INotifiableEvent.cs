using System.Globalization;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Tariffs;

namespace Joules.Core.Events;

/// <summary>What a notification about an event concerns: the records its recipients are found from (the customer,
/// the sales partner and its parent, the responsible employee of the contract, the user who acted) and the facts
/// rule conditions test (commodity, new contract status).</summary>
/// <param name="ContractId">The contract, if the event is about one.</param>
/// <param name="CustomerId">The customer; found from the contract when null.</param>
/// <param name="SalesPartnerId">The sales partner; found from the contract when null.</param>
/// <param name="ActorUserName">The user name of who caused the event (e.g. started the import), if a person did.</param>
public sealed record NotificationSubject(Guid? ContractId = null, Guid? CustomerId = null, Guid? SalesPartnerId = null, string? ActorUserName = null)
{
    /// <summary>The commodity, if the event concerns a contract or tariff.</summary>
    public Commodity? Commodity { get; init; }

    /// <summary>The status the contract reached, for status-change events.</summary>
    public ContractStatus? Status { get; init; }
}

/// <summary>An event of a plugin that notification rules ("System messages") can react to. Declare its template key
/// (with variables and built-in texts, <c>IsEvent = true</c>) through an <c>IMessageTemplateKeySource</c> registered in
/// the plugin's services; the rule editor then offers the event, and the template editor its variables.</summary>
/// <example><code>
/// public sealed record CreditCheckFailed(Guid ContractId, Guid? BrandId, string Bureau) : INotifiableEvent
/// {
///     public string TemplateKey => "joules.credit.check-failed";
///     public NotificationSubject Subject => new(ContractId);
///     public void AddVariables(IDictionary&lt;string, object?&gt; model, CultureInfo culture) => model["check.bureau"] = Bureau;
/// }
/// </code></example>
public interface INotifiableEvent : IDomainEvent
{
    /// <summary>The template key of the event (unique; prefix it with the plugin id).</summary>
    string TemplateKey { get; }

    /// <summary>What the event concerns.</summary>
    NotificationSubject Subject { get; }

    /// <summary>Adds the event's own variables (those the template key declares) to <paramref name="model"/>, formatted
    /// for <paramref name="culture"/>. Brand, customer, partner and recipient variables are added by the sender.</summary>
    void AddVariables(IDictionary<string, object?> model, CultureInfo culture);
}
