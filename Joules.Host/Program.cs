using Joules.Host.Hosting;
using Joules.Host.Plugins.Runtime;

var builder = WebApplication.CreateBuilder(args);
builder.AddJoulesConfiguration();
builder.AddJoulesCoreServices();
builder.AddJoulesDataProtection();
builder.AddJoulesSimulators();
builder.Services.AddJoulesIdentity();
builder.Services.AddJoulesShell();
builder.Services.AddJoulesFeatures();
builder.AddJoulesPlugins();

var app = builder.Build();
app.PreloadPlugins();
await app.PrepareDatabaseAsync();
await app.StartPluginsAsync();
app.UseJoulesShell();
app.MapJoulesEndpoints();
return app.RunJoules();

/// <summary>Entry point; public for the test host.</summary>
public partial class Program;
