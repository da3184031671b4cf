using Joules.Core.Domain.Messaging;

namespace Joules.Core.Messaging.Mail;

/// <summary>The <c>Joules:Mail</c> configuration section: the host's default SMTP server and the development mailbox.</summary>
public sealed class MailOptions
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string Section = "Joules:Mail";

    /// <summary>The server used for brands without their own SMTP settings; unused while <see cref="SmtpServerOptions.Host"/> is empty.</summary>
    public SmtpServerOptions Smtp { get; set; } = new();

    /// <summary>The built-in local SMTP sink used when no server is configured at all.</summary>
    public DevelopmentMailboxOptions DevelopmentMailbox { get; set; } = new();
}

/// <summary>The host's default SMTP server (<c>Joules:Mail:Smtp</c>).</summary>
public sealed class SmtpServerOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public SmtpTlsMode TlsMode { get; set; } = SmtpTlsMode.Auto;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string SenderAddress { get; set; } = "";
    public string SenderName { get; set; } = "Joules";
    public int MaxConnections { get; set; } = 4;
}

/// <summary>The development mailbox (<c>Joules:Mail:DevelopmentMailbox</c>).</summary>
public sealed class DevelopmentMailboxOptions
{
    /// <summary>False switches the local SMTP sink off (mail without a configured server then fails as undeliverable).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }
}

/// <summary>Where the running development mailbox listens; <see cref="Port"/> is null while it is not running.</summary>
public sealed class DevelopmentMailboxEndpoint
{
    /// <summary>Sender used for mail to the development mailbox when nothing else is configured.</summary>
    public const string DefaultSender = "joules@localhost";

    private volatile object? _port;

    /// <summary>The port the sink listens on (127.0.0.1), or null.</summary>
    public int? Port
    {
        get => _port as int?;
        set => _port = value;
    }
}
