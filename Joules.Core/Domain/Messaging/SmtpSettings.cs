using Joules.Core.Domain.Common;

namespace Joules.Core.Domain.Messaging;

/// <summary>How TLS is used on the SMTP connection.</summary>
public enum SmtpTlsMode
{
    /// <summary>STARTTLS when the server offers it (MailKit's "Auto").</summary>
    Auto,
    /// <summary>Plain connection (only for a local relay or the development mailbox).</summary>
    None,
    /// <summary>STARTTLS required (usually port 587).</summary>
    StartTls,
    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
}

/// <summary>The outgoing mail server of one brand. The password is stored encrypted with ASP.NET Core Data Protection
/// (<see cref="ProtectedPassword"/>); it never appears in logs or in the UI.</summary>
public sealed class SmtpSettings : ITenantOwned
{
    private SmtpSettings() { }

    public static SmtpSettings Create(Guid brandId) => new() { Id = Guid.NewGuid(), BrandId = brandId, Port = 587, TlsMode = SmtpTlsMode.StartTls };

    public Guid Id { get; private set; }
    public Guid BrandId { get; set; }
    public string Host { get; set; } = "";
    public int Port { get; set; }
    public SmtpTlsMode TlsMode { get; set; }
    public string? UserName { get; set; }

    /// <summary>The password, encrypted with the Data Protection purpose "Joules.Smtp.Password"; null without authentication.</summary>
    public string? ProtectedPassword { get; set; }
    public string SenderAddress { get; set; } = "";
    public string SenderName { get; set; } = "";

    /// <summary>At most this many connections are kept open to the server.</summary>
    public int MaxConnections { get; set; } = 4;
}
