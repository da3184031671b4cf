using Joules.Core.Events;

namespace Joules.TestPlugins.Notes;

/// <summary>Writes a note for every new customer; a customer number starting with "FAIL" makes it throw.</summary>
public sealed class NoteOnNewCustomer(NoteService notes) : IDomainEventHandler<CustomerCreated>
{
    public async Task HandleAsync(CustomerCreated domainEvent, CancellationToken cancellationToken)
    {
        if (domainEvent.CustomerNumber.StartsWith("FAIL", StringComparison.Ordinal))
            throw new InvalidOperationException($"Kunde {domainEvent.CustomerNumber} abgelehnt");
        await notes.AddAsync($"customer {domainEvent.CustomerNumber}", "event");
    }
}
