namespace CommitmentTracker.Site.Resources;

/// <summary>The site's UI strings: SiteText.resx (English) and one SiteText.{lang}.resx per other language.</summary>
public sealed class SiteText;
