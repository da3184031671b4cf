namespace Joules.Core.Domain.Common;

/// <summary>A business rule was violated. <see cref="Exception.Message"/> is a localised text meant for
/// the user; <see cref="Field"/> names the offending input where there is one.</summary>
public class DomainException(string message, string? field = null) : Exception(message)
{
    /// <summary>The input field the message refers to, if any.</summary>
    public string? Field { get; } = field;
}
