package org.stagedoor.admin;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;

import org.stagedoor.booking.NotFoundException;
import org.stagedoor.booking.imports.FileCount;
import org.stagedoor.booking.imports.ImportOutcome;
import org.stagedoor.booking.imports.VenueImport;
import org.stagedoor.imports.ImportOperations;
import org.stagedoor.imports.ImportOperations.ImportRunning;
import org.stagedoor.imports.ImportOperations.Progress;
import org.stagedoor.security.StagedoorUser;

/**
 * Upload of the ticketing system's CSV files (docs/import/README.md): the same import as the {@code import} command,
 * all or nothing, and audited alike. The files are imported in the background ({@link ImportOperations}); the upload
 * leads to the import's page, which shows how far it has got (refreshing itself, and asking
 * {@code /admin/import/{id}/progress} every second where scripts run) and then its counts or its refusals in words.
 */
@Controller
@RequestMapping("/admin/import")
class ImportController {

    /** Refusals listed on the page; the import says how many more there are. */
    private static final int SHOWN = 200;

    private final ImportOperations imports;

    ImportController(ImportOperations imports) {
        this.imports = imports;
    }

    /** An import's progress for the page's script: each file's latest line, and whether it has ended. */
    record ProgressView(boolean finished, String runningFor, List<FileLine> files, String note) {
    }

    record FileLine(String file, String progress) {
    }

    @GetMapping
    ModelAndView form() {
        return form(null, HttpStatus.OK);
    }

    @PostMapping
    ModelAndView upload(@RequestParam(name = "files", required = false) List<MultipartFile> files,
            @AuthenticationPrincipal StagedoorUser user) throws IOException {
        List<MultipartFile> chosen = files == null ? List.of()
                : files.stream().filter(file -> !file.isEmpty() && file.getOriginalFilename() != null).toList();
        if (chosen.isEmpty()) {
            return form("Choose the files to import first.", HttpStatus.BAD_REQUEST);
        }
        Map<String, MultipartFile> byName = new LinkedHashMap<>();
        chosen.forEach(file -> byName.put(file.getOriginalFilename(), file));
        try {
            return new ModelAndView("redirect:/admin/import/" + imports.start(byName, user.email()));
        }
        catch (ImportRunning ex) {
            return form(ex.getMessage(), HttpStatus.CONFLICT);
        }
    }

    @GetMapping("/{id}")
    ModelAndView importPage(@PathVariable String id) {
        Progress progress = progress(id);
        ModelAndView page = new ModelAndView("admin/import-run");
        page.addObject("progress", progress);
        page.addObject("runningFor", inWords(progress.running()));
        ImportOutcome outcome = progress.outcome();
        page.addObject("outcome", outcome);
        if (outcome != null) {
            page.addObject("counts", outcome.files().stream().map(ImportController::countLine).toList());
            page.addObject("refusals", outcome.refusals().subList(0, Math.min(SHOWN, outcome.refusals().size())));
            page.addObject("moreRefusals", Math.max(0, outcome.refusals().size() - SHOWN));
        }
        return page;
    }

    @GetMapping(path = "/{id}/progress", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ProgressView progressOf(@PathVariable String id) {
        Progress progress = progress(id);
        return new ProgressView(progress.finished(), inWords(progress.running()), progress.files().entrySet().stream()
                .map((Map.Entry<String, String> file) -> new FileLine(file.getKey(), file.getValue())).toList(),
                progress.note());
    }

    private Progress progress(String id) {
        return imports.progress(id).orElseThrow(() -> new NotFoundException("import", id));
    }

    private ModelAndView form(String problem, HttpStatus status) {
        ModelAndView page = new ModelAndView("admin/import");
        page.addObject("fileNames", VenueImport.fileNames());
        page.addObject("running", imports.running().orElse(null));
        page.addObject("problem", problem);
        page.setStatus(status);
        return page;
    }

    /** "less than a second", "45 s", "3 min 5 s". */
    static String inWords(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds == 0) {
            return "less than a second";
        }
        return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
    }

    private static String countLine(FileCount file) {
        return file.file() + ": " + file.inWords();
    }
}
