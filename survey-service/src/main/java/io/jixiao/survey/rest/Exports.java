package io.jixiao.survey.rest;

import jakarta.ws.rs.core.Response;

import io.jixiao.kit.problem.ProblemException.InvalidInputException;
import io.jixiao.kit.sheets.Sheets;
import io.jixiao.survey.service.ResponseAdminService.Table;

/** A table as a download: CSV (UTF-8 with BOM, for Excel) or .xlsx. */
final class Exports {

    private Exports() {
    }

    static Response download(Table t, String format, String fileStem) {
        String f = format == null ? "csv" : format.toLowerCase();
        return switch (f) {
            case "csv" -> Response.ok(Sheets.writeCsv(t.header(), t.rows()), Sheets.CSV)
                    .header("Content-Disposition", "attachment; filename=\"" + fileStem + ".csv\"").build();
            case "xlsx" -> Response.ok(Sheets.writeXlsx(t.name(), t.header(), t.rows()), Sheets.XLSX)
                    .header("Content-Disposition", "attachment; filename=\"" + fileStem + ".xlsx\"").build();
            default -> throw new InvalidInputException("format", "one of csv, xlsx");
        };
    }
}
