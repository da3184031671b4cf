using Joules.Core;
using Joules.Core.Data.Providers;

namespace Joules.Host.Hosting;

internal static class ConfigurationSetup
{
    /// <summary>Reads the top-level appsettings.json (next to Joules.sln when run from source, next to the
    /// binaries when published) and resolves the data folder.</summary>
    public static void AddJoulesConfiguration(this WebApplicationBuilder builder)
    {
        var file = FindSettingsFile(builder.Environment.ContentRootPath);
        if (file is not null)
        {
            // Lowest precedence: environment variables, command line and test settings override the file.
            builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
            {
                Path = Path.GetFileName(file), Optional = false, ReloadOnChange = false,
                FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.GetDirectoryName(file)!),
            });
        }
        var settings = builder.Configuration.GetSection("Joules").Get<JoulesSettings>() ?? new JoulesSettings();
        var root = file is null ? builder.Environment.ContentRootPath : Path.GetDirectoryName(file)!;
        settings.SettingsRoot = Path.GetFullPath(root);
        settings.DataFolder = Path.GetFullPath(Path.Combine(root, settings.DataFolder));
        Directory.CreateDirectory(settings.DataFolder);
        builder.Services.AddSingleton(settings);
    }

    public static void AddJoulesCoreServices(this WebApplicationBuilder builder)
    {
        var settings = builder.Services.BuildSettings();
        var database = builder.Configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (database.Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(database.ConnectionString))
            database.ConnectionString = $"Data Source={Path.Combine(settings.DataFolder, "joules.db")};Cache=Shared;Pooling=True";
        builder.Services.AddJoulesCore(database);
        builder.Services.AddDomainEventDispatch();
    }

    private static JoulesSettings BuildSettings(this IServiceCollection services) =>
        (JoulesSettings)services.Single(d => d.ServiceType == typeof(JoulesSettings)).ImplementationInstance!;

    private static string? FindSettingsFile(string contentRoot)
    {
        string[] candidates =
        [
            Environment.GetEnvironmentVariable("JOULES_SETTINGS") ?? "",
            Path.Combine(contentRoot, "..", "appsettings.json"),
            Path.Combine(AppContext.BaseDirectory, "appsettings.json"),
        ];
        return candidates.Where(c => c.Length > 0).Select(Path.GetFullPath).FirstOrDefault(File.Exists);
    }
}
