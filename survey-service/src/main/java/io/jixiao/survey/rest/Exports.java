package io.jixiao.survey.rest;

import jakarta.ws.rs.core.Response;

import io.jixiao.kit.sheets.SheetFile;
import io.jixiao.kit.sheets.Sheets;
import io.jixiao.survey.service.ResponseAdminService.Table;

/** A table as a download: CSV (UTF-8 with BOM, for Excel) or .xlsx. */
final class Exports {

    private Exports() {
    }

    static Response download(Table t, String format, String fileStem) {
        SheetFile.Format f = SheetFile.Format.of(format);
        return Response.ok(f == SheetFile.Format.CSV
                ? Sheets.writeCsv(t.header(), t.rows())
                : Sheets.writeXlsx(t.name(), t.header(), t.rows()), f.mediaType)
                .header("Content-Disposition", attachment(fileStem, f)).build();
    }

    /** A table written to a file as it was read, sent from the file. */
    static Response download(SheetFile file, String fileStem) {
        return Response.ok(file.body(), file.format().mediaType)
                .header("Content-Disposition", attachment(fileStem, file.format())).build();
    }

    private static String attachment(String fileStem, SheetFile.Format f) {
        return "attachment; filename=\"" + fileStem + "." + f.extension + "\"";
    }
}
