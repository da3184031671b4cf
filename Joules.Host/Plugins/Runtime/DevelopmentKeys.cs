using System.Security.Cryptography;
using Joules.Core.Plugins.Security;

namespace Joules.Host.Plugins.Runtime;

/// <summary>The development keys of a source tree (<c>.dev-keys/</c>, never committed): the package signing key the
/// build creates and a licence key the host creates for the demo's development licence.</summary>
internal static class DevelopmentKeys
{
    public const string PackageKeyPublic = "plugin-signing.pub.pem";
    public const string LicenceKey = "licence-signing.pem";

    /// <summary>The build's package signing public key, if the build created one.</summary>
    public static ECDsa? PackagePublicKey(string folder)
    {
        var path = Path.Combine(folder, PackageKeyPublic);
        return File.Exists(path) ? VendorSignature.ImportPublicKey(File.ReadAllText(path)) : null;
    }

    /// <summary>The development licence key (private), created on first use.</summary>
    public static ECDsa LicencePrivateKey(string folder)
    {
        var path = Path.Combine(folder, LicenceKey);
        var key = ECDsa.Create();
        if (File.Exists(path))
        {
            key.ImportFromPem(File.ReadAllText(path));
            return key;
        }
        Directory.CreateDirectory(folder);
        key.Dispose();
        key = VendorSignature.CreateKey();
        var temp = path + ".tmp";
        File.WriteAllText(temp, key.ExportPkcs8PrivateKeyPem());
        File.Move(temp, path, overwrite: true);
        return key;
    }
}
