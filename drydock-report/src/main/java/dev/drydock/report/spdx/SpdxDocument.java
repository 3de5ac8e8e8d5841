package dev.drydock.report.spdx;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The subset of the SPDX 2.3 JSON document model that drydock writes; field names as in the SPDX schema. */
record SpdxDocument(
    String spdxVersion,
    String dataLicense,
    @JsonProperty("SPDXID") String spdxId,
    String name,
    String documentNamespace,
    CreationInfo creationInfo,
    List<SpdxPackage> packages,
    List<ExtractedLicense> hasExtractedLicensingInfos,
    List<Relationship> relationships) {

  /** @param comment what the document's reader must know (an image signature that did not verify); or null */
  record CreationInfo(List<String> creators, String created, String comment) {}

  record SpdxPackage(
      @JsonProperty("SPDXID") String spdxId,
      String name,
      String versionInfo,
      String supplier,
      String downloadLocation,
      boolean filesAnalyzed,
      List<Checksum> checksums,
      String sourceInfo,
      String licenseConcluded,
      String licenseDeclared,
      String copyrightText,
      String description,
      List<ExternalRef> externalRefs,
      String primaryPackagePurpose) {}

  record Checksum(String algorithm, String checksumValue) {}

  record ExternalRef(String referenceCategory, String referenceType, String referenceLocator) {}

  record ExtractedLicense(String licenseId, String extractedText, String name) {}

  record Relationship(String spdxElementId, String relationshipType, String relatedSpdxElement) {}
}
