using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Joules.Core.Messaging.Mail;

/// <summary>Encrypts and decrypts SMTP passwords for <see cref="Domain.Messaging.SmtpSettings.ProtectedPassword"/>
/// (Data Protection purpose <see cref="Purpose"/>).</summary>
public sealed class SmtpPasswordProtector(IDataProtectionProvider provider)
{
    /// <summary>The Data Protection purpose string.</summary>
    public const string Purpose = "Joules.Smtp.Password";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    /// <summary>The cipher text to store; null for an empty password.</summary>
    public string? Protect(string? password) => string.IsNullOrEmpty(password) ? null : _protector.Protect(password);

    /// <summary>The clear password, or null if none is stored.</summary>
    /// <exception cref="MailDeliveryException">The key ring that encrypted it is gone (not permanent: the admin can re-enter it).</exception>
    public string? Unprotect(string? cipher)
    {
        if (string.IsNullOrEmpty(cipher)) return null;
        try { return _protector.Unprotect(cipher); }
        catch (CryptographicException ex) { throw new MailDeliveryException(Domain.Common.CoreText.Get("Mail.PasswordUnreadable"), false, ex); }
    }
}
