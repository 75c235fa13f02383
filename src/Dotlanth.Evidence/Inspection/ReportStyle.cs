namespace Dotlanth.Evidence.Inspection;

/// <summary>The report's stylesheet, inlined so the file works offline and alone.</summary>
internal static class ReportStyle
{
    public const string Css = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2328;background:#fff}
        header.banner{padding:20px 28px;color:#fff}
        header.banner h1{margin:0 0 4px;font-size:22px}
        header.banner p{margin:0;opacity:.95}
        .banner.verified{background:#1a7f37}.banner.failed{background:#cf222e}.banner.blocked{background:#9a6700}
        .banner.cancelled{background:#6e7781}.banner.error{background:#8250df}.banner.incomplete{background:#bc4c00}
        section{padding:8px 28px}
        h2{font-size:17px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
        table{border-collapse:collapse;margin:6px 0}
        th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top}
        th{background:#f6f8fa}
        tr.passed .status{color:#1a7f37;font-weight:600}
        tr.failed .status,tr.timed_out .status,tr.blocked .status{color:#cf222e;font-weight:600}
        pre{background:#f6f8fa;padding:8px;overflow:auto;max-height:480px;font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}
        pre.stderr{background:#fff8f8}
        pre.patch span{display:block}
        .patch .file{font-weight:700;color:#0550ae}.patch .hunk{color:#8250df}.patch .meta{color:#57606a}
        .patch .add,.add{background:#dafbe1;color:#116329}.patch .del,.del{background:#ffebe9;color:#a40e26}
        .bars{border:1px solid #d0d7de;padding:6px;margin:6px 0;overflow:hidden}
        .lane{display:flex;align-items:center;margin:3px 0;font-size:12px}
        .lane .label{flex:0 0 38%;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;padding-right:8px}
        .lane .track{flex:1;background:#f6f8fa;height:14px}
        .bar{display:block;height:14px;background:#54aeff}
        .bar.fault{background:#ff8182}
        details.output{margin:8px 0}
        .filters label{display:inline-block;margin-right:14px;cursor:pointer}
        .filters input{margin-right:4px}
        tr.t-failed td.status,tr.t-error td.status{color:#cf222e;font-weight:600}
        tr.t-passed td.status{color:#1a7f37}tr.t-skipped td.status{color:#57606a}
        tr.t-flaky td.status::after{content:" (flaky)";color:#9a6700}
        #tf-failing:checked~table tr.t-passed,#tf-failing:checked~table tr.t-skipped{display:none}
        #tf-flaky:checked~table tbody tr:not(.t-flaky){display:none}
        #tests td.message pre{margin:0;max-height:200px}
        footer{color:#57606a;padding:16px 28px;font-size:12px}
        """;
}
