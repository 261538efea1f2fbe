package io.jixiao.survey.rest;

import jakarta.ws.rs.core.Response;

import io.jixiao.kit.sheets.SheetFile;
import io.jixiao.survey.service.ResponseAdminService.Table;

/** A table as a download: CSV (UTF-8 with BOM, for Excel) or .xlsx. */
final class Exports {

    private Exports() {
    }

    static Response download(Table t, String format, String fileStem) {
        return download(SheetFile.write(SheetFile.Format.of(format), t.name(), t.header(),
                file -> t.rows().forEach(file::row)), fileStem);
    }

    /** A table written to a file, sent from the file, which is then removed. */
    static Response download(SheetFile file, String fileStem) {
        return Response.ok(file.body(), file.format().mediaType).header("Content-Disposition",
                "attachment; filename=\"" + fileStem + "." + file.format().extension + "\"").build();
    }
}
