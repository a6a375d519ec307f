package org.stagedoor.admin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.booking.imports.FileCount;
import org.stagedoor.booking.imports.ImportOutcome;
import org.stagedoor.booking.imports.VenueImport;
import org.stagedoor.security.StagedoorUser;

/**
 * Upload of the ticketing system's CSV files (docs/import/README.md): the same import as the {@code import} command,
 * all or nothing, its counts or its refusals shown in words. The files are kept in a folder of their own only while
 * the import runs.
 */
@Controller
@RequestMapping("/admin/import")
class ImportController {

    /** Refusals listed on the page; the import says how many more there are. */
    private static final int SHOWN = 200;

    private final VenueImport venueImport;

    private final AuditLog audit;

    ImportController(VenueImport venueImport, AuditLog audit) {
        this.venueImport = venueImport;
        this.audit = audit;
    }

    @GetMapping
    ModelAndView form() {
        return page(null, HttpStatus.OK);
    }

    @PostMapping
    ModelAndView upload(@RequestParam(name = "files", required = false) List<MultipartFile> files,
            @AuthenticationPrincipal StagedoorUser user) throws IOException {
        List<MultipartFile> chosen = files == null ? List.of()
                : files.stream().filter(file -> !file.isEmpty() && file.getOriginalFilename() != null).toList();
        if (chosen.isEmpty()) {
            ModelAndView page = page(null, HttpStatus.BAD_REQUEST);
            page.addObject("problem", "Choose the files to import first.");
            return page;
        }
        Path folder = Files.createTempDirectory("stagedoor-import-");
        try {
            for (MultipartFile file : chosen) {
                // Only the name's last part: a browser may send a path, and the folder is ours alone.
                String name = Path.of(file.getOriginalFilename().replace('\\', '/')).getFileName().toString();
                try (InputStream in = file.getInputStream()) {
                    Files.copy(in, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            ImportOutcome outcome = venueImport.run(folder, folder, progress -> { });
            if (outcome.applied()) {
                audit.adminChange(user.email(), "imported " + String.join("; ", outcome.files().stream()
                        .map(file -> file.file() + " " + file.inWords()).toList()));
            }
            return page(outcome, outcome.applied() ? HttpStatus.OK : HttpStatus.BAD_REQUEST);
        }
        finally {
            try (Stream<Path> left = Files.walk(folder)) {
                for (Path path : left.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static ModelAndView page(ImportOutcome outcome, HttpStatus status) {
        ModelAndView page = new ModelAndView("admin/import");
        page.addObject("fileNames", VenueImport.fileNames());
        page.addObject("outcome", outcome);
        if (outcome != null) {
            page.addObject("counts", outcome.files().stream().map(ImportController::countLine).toList());
            page.addObject("refusals", outcome.refusals().subList(0, Math.min(SHOWN, outcome.refusals().size())));
            page.addObject("moreRefusals", Math.max(0, outcome.refusals().size() - SHOWN));
        }
        page.setStatus(status);
        return page;
    }

    private static String countLine(FileCount file) {
        return file.file() + ": " + file.inWords();
    }
}
