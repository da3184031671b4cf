namespace Joules.Host.Plugins.Runtime;

/// <summary>The <c>Joules:Plugins</c> section of appsettings.json.</summary>
public sealed class PluginSettings
{
    /// <summary>Folder of installed plugins (one sub-folder per plugin id); relative to appsettings.json.</summary>
    public string Folder { get; set; } = "plugins-bin";

    /// <summary>Public keys (PEM, "-----BEGIN PUBLIC KEY-----") of vendors whose plugin packages are trusted.</summary>
    public List<string> TrustedPackageKeys { get; set; } = [];

    /// <summary>Public keys (PEM) of vendors whose licence files are trusted.</summary>
    public List<string> TrustedLicenceKeys { get; set; } = [];

    /// <summary>Trust the development signing key of this source tree (<c>.dev-keys/plugin-signing.pub.pem</c>) and issue a
    /// development licence for every plugin at the first start. For the demo and development only: set to false in
    /// production.</summary>
    public bool Development { get; set; }

    /// <summary>With <see cref="Development"/>: issue the development licence at the first start (tests switch it off to
    /// see plugins unlicensed).</summary>
    public bool IssueDevelopmentLicence { get; set; } = true;

    /// <summary>Folder of the development keys; relative to appsettings.json.</summary>
    public string DevelopmentKeyFolder { get; set; } = ".dev-keys";

    /// <summary>Watch <see cref="Folder"/> and activate plugin folders moved into it while the host runs.</summary>
    public bool Watch { get; set; } = true;

    /// <summary>How a restart requested on the Plugins page brings the host back: "Self" starts a new process with
    /// the same command line, "Supervisor" only stops (systemd, a container runtime or IIS starts it again), "None"
    /// offers no restart.</summary>
    public string RestartMode { get; set; } = "Self";
}
