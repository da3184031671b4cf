using Joules.Core.Domain.Messaging;

namespace Joules.Core.Messaging.Mail;

/// <summary>A resolved SMTP server with clear-text credentials and the sender to use for messages without From.</summary>
public sealed record SmtpEndpoint(string Host, int Port, SmtpTlsMode TlsMode, string? UserName, string? Password,
    string SenderAddress, string SenderName, int MaxConnections)
{
    /// <summary>Connections are pooled per server and account.</summary>
    public string Key => $"{Host.ToLowerInvariant()}:{Port}:{UserName}";

    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"{Host}:{Port} ({TlsMode}{(string.IsNullOrEmpty(UserName) ? "" : ", " + UserName)})";
}

/// <summary>Decides which SMTP server a brand's mail goes to.</summary>
public interface ISmtpEndpointSource
{
    /// <summary>The brand's server, else the host default, else the development mailbox; null if there is none.</summary>
    ValueTask<SmtpEndpoint?> ResolveAsync(Guid? brandId, CancellationToken ct = default);

    /// <summary>Forgets a cached brand server after its settings were saved.</summary>
    void Invalidate(Guid brandId);
}
