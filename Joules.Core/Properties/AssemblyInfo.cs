using System.Resources;

[assembly: NeutralResourcesLanguage("de")]
