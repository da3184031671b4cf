using Joules.Core.Domain.Common;

namespace Joules.Host.Features.Common;

/// <summary>Field messages of a form: a <see cref="DomainException"/> with a field lands next to that field,
/// one without a field is shown above the form.</summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, string> _byField = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Message that belongs to no field.</summary>
    public string? General { get; private set; }

    public bool Has(string field) => _byField.ContainsKey(field);

    public string? this[string field] => _byField.GetValueOrDefault(field);

    public void Clear() { _byField.Clear(); General = null; }

    public void Set(string field, string message) => _byField[field] = message;

    /// <summary>Takes the exception's message; fields are matched by their last segment ("Prices.ValidFrom" → "ValidFrom").</summary>
    public void Add(DomainException ex)
    {
        if (ex.Field is { Length: > 0 } field) _byField[field.Split('.')[^1]] = ex.Message;
        else General = ex.Message;
    }

    public bool Any => General is not null || _byField.Count > 0;
}
