package org.stagedoor.booking.partner;

import java.util.List;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface PartnerCompanyRepository extends ListCrudRepository<PartnerCompany, Long> {

    @Query("select * from partner_company order by lower(name), id")
    List<PartnerCompany> findAllByName();
}
