using Joules.Core.Domain.Common;
using Joules.Core.Integration;
using Joules.Core.Messaging.Outbox;

namespace Joules.Core.Messaging.Messenger;

/// <summary>Encrypts and decrypts webhook URLs for <see cref="Domain.Messaging.MessengerChannel.ProtectedUrl"/>
/// (Data Protection purpose <see cref="Purpose"/>). The URL holds the webhook's secret and is never logged.</summary>
public sealed class MessengerUrlProtector(SecretProtector secrets)
{
    /// <summary>The Data Protection purpose string.</summary>
    public const string Purpose = "Joules.Messenger.Url";

    /// <summary>The cipher text to store.</summary>
    public string Protect(string url) => secrets.Protect(Purpose, url)!;

    /// <summary>The clear URL.</summary>
    /// <exception cref="MessageDeliveryException">The key ring that encrypted it is gone (not permanent: the URL can be
    /// entered again).</exception>
    public string Unprotect(string cipher) =>
        secrets.Unprotect(Purpose, cipher) ?? throw new MessageDeliveryException(CoreText.Get("Messenger.UrlUnreadable"), false);
}
