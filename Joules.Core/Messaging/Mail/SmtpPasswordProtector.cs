using Joules.Core.Integration;

namespace Joules.Core.Messaging.Mail;

/// <summary>Encrypts and decrypts SMTP passwords for <see cref="Domain.Messaging.SmtpSettings.ProtectedPassword"/>
/// (Data Protection purpose <see cref="Purpose"/>).</summary>
public sealed class SmtpPasswordProtector(SecretProtector secrets)
{
    /// <summary>The Data Protection purpose string.</summary>
    public const string Purpose = "Joules.Smtp.Password";

    /// <summary>The cipher text to store; null for an empty password.</summary>
    public string? Protect(string? password) => secrets.Protect(Purpose, password);

    /// <summary>The clear password, or null if none is stored.</summary>
    /// <exception cref="MailDeliveryException">The key ring that encrypted it is gone (not permanent: the admin can re-enter it).</exception>
    public string? Unprotect(string? cipher) => string.IsNullOrEmpty(cipher) ? null
        : secrets.Unprotect(Purpose, cipher) ?? throw new MailDeliveryException(Domain.Common.CoreText.Get("Mail.PasswordUnreadable"), false);
}
