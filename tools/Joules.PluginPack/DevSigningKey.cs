using System.Security.Cryptography;
using Joules.Core.Plugins.Security;

namespace Joules.PluginPack;

/// <summary>The development signing key: a private P-256 key in PEM (PKCS#8), created on first use, with its public
/// half written next to it as <c>&lt;name&gt;.pub.pem</c> for the host to trust.</summary>
internal static class DevSigningKey
{
    public static ECDsa LoadOrCreate(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path))
        {
            using var created = VendorSignature.CreateKey();
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temporary, created.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary); // another build created it at the same time: use that one
            }
        }

        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(path));
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new CryptographicException($"{path} is not a P-256 key.");
        }

        var publicPath = PublicKeyPath(path);
        var publicPem = VendorSignature.ExportPublicKey(key);
        if (!File.Exists(publicPath) || File.ReadAllText(publicPath) != publicPem)
        {
            var temporary = publicPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temporary, publicPem);
            File.Move(temporary, publicPath, overwrite: true);
        }
        return key;
    }

    /// <summary><c>plugin-signing.pem</c> → <c>plugin-signing.pub.pem</c>.</summary>
    public static string PublicKeyPath(string privateKeyPath) =>
        Path.Combine(Path.GetDirectoryName(privateKeyPath)!, Path.GetFileNameWithoutExtension(privateKeyPath) + ".pub.pem");
}

/// <summary>An exclusive lock file, so parallel builds do not install into the same plugins folder at once.</summary>
internal static class PackLock
{
    public static FileStream Acquire(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
        }
    }
}
