namespace Joules.Host.Hosting;

/// <summary>The <c>Joules</c> section of appsettings.json.</summary>
public sealed class JoulesSettings
{
    /// <summary>Folder for the SQLite file, documents and transfer folders; relative paths are resolved
    /// against the folder of appsettings.json.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>The folder of appsettings.json: relative paths in the settings are resolved against it.</summary>
    public string SettingsRoot { get; set; } = "";
    public DemoSettings Demo { get; set; } = new();
    public DocumentSettings Documents { get; set; } = new();
}

public sealed class DemoSettings
{
    /// <summary>Create the demo tenant on first start with an empty database.</summary>
    public bool Enabled { get; set; }
    public int Customers { get; set; } = 5000;
    public int Seed { get; set; } = 20261126;
}

public sealed class DocumentSettings
{
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
}
