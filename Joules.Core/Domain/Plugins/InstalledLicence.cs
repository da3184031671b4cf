namespace Joules.Core.Domain.Plugins;

/// <summary>A licence file an administrator installed, kept verbatim (it is verified again at every start).</summary>
public sealed class InstalledLicence
{
    private InstalledLicence() { }

    public static InstalledLicence Create(string licenceId, string licensee, bool development, string content, DateTimeOffset now) =>
        new() { Id = Guid.NewGuid(), LicenceId = licenceId, Licensee = licensee, Development = development, Content = content, InstalledAt = now };

    public Guid Id { get; private set; }
    public string LicenceId { get; private set; } = "";
    public string Licensee { get; private set; } = "";
    public bool Development { get; private set; }

    /// <summary>The licence file as uploaded (JSON).</summary>
    public string Content { get; private set; } = "";
    public DateTimeOffset InstalledAt { get; private set; }
}
